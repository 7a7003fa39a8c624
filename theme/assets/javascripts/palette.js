// The light and dark toggle in the header, in place of Material's own palette component.
//
// Material's component, on every page load, marks the body as "switching" and writes a
// color-scheme and a theme-color meta element, then unmarks it: three restyles of the whole page
// before a reader can scroll, a fifth of a long agenda's start-up on a slow phone, even when the
// colours do not change. Here the page is restyled only when the colours do change: when the
// reader chooses, or when their system turns dark and they have not chosen. The choice is kept
// where Material keeps it (`__palette`), so Material's script in the page head applies it before
// the first paint of the next page, as before.
(function () {
  "use strict";

  var form = document.querySelector("[data-hb-palette]");
  if (!form) {
    return;
  }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']"));
  var KEYS = ["media", "scheme", "primary", "accent"];
  var COLOURS = ["scheme", "primary", "accent"];

  function colors(input) {
    var color = {};
    KEYS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    return color;
  }

  function chosen() {
    try {
      var saved = window.__md_get("__palette");
      return saved && inputs[saved.index] ? saved.index : null;
    } catch (error) {
      return null;  // no storage (private browsing): the system's choice
    }
  }

  // The palette whose media query matches the reader's system, else the first.
  function systems() {
    var found = inputs.findIndex(function (input) {
      var media = input.getAttribute("data-md-color-media");
      return media && window.matchMedia(media).matches;
    });
    return Math.max(0, found);
  }

  function apply(index, remember) {
    var color = colors(inputs[index]);
    var body = document.body;
    // `media` is written too, as Material's script in the page head does, but no stylesheet reads
    // it: only a change of the other three is a change of colours. (The body as sent has no
    // `media`; counting it restyled every page twice at load, switching on and off.)
    if (COLOURS.some(function (key) { return body.getAttribute("data-md-color-" + key) !== color[key]; })) {
      // Material's stylesheet turns transitions off while this is set: the colours change at once.
      body.setAttribute("data-md-color-switching", "");
      COLOURS.forEach(function (key) { body.setAttribute("data-md-color-" + key, color[key]); });
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching"); });
      });
    }
    if (color.media && body.getAttribute("data-md-color-media") !== color.media) {
      body.setAttribute("data-md-color-media", color.media);
    }
    if (remember) {
      try {
        window.__md_set("__palette", { index: index, color: color });
      } catch (error) {
        // the choice lasts for this page only
      }
    }
    // Each palette's label is the button that switches to the next one: show the current's.
    inputs.forEach(function (input, i) {
      input.checked = i === index;
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") {
        label.hidden = i !== index;
      }
    });
  }

  var saved = chosen();
  apply(saved === null ? systems() : saved, false);
  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () {
      if (input.checked) {
        apply(index, true);
      }
    });
  });
  // The palettes' queries turn together (light off, dark on): one of them is enough to follow.
  var media = inputs.map(function (input) { return input.getAttribute("data-md-color-media"); }).filter(Boolean)[0];
  if (media && window.matchMedia(media).addEventListener) {
    window.matchMedia(media).addEventListener("change", function () {
      if (chosen() === null) {
        apply(systems(), false);
      }
    });
  }
})();
