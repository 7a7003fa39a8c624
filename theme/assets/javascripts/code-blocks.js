// Code blocks that scroll sideways can be reached and scrolled by keyboard on every device.
//
// Material makes a scrolling code block focusable only where the pointer can hover, so on a
// phone or tablet a keyboard or switch user could not reach the end of a long line (axe:
// scrollable-region-focusable). Recent Chromium and Firefox make such a block a tab stop by
// themselves, Safari does not, and none gives it a name. Wrapping the lines instead would blur
// a YAML example's indentation, which is what the example is there to show. So here a block
// that scrolls is a tab stop on any device, named as a region ("YAML example, 2 of 4") so that
// a screen reader says what has the focus; a block that fits is neither. Material's own toggle
// is followed: when it removes the tab stop on a touch screen, it is put back.
(function () {
  "use strict";

  var BLOCKS = ".md-content pre > code";
  // What a block's `language-*` class is called in its name; others are named by the class.
  var LANGUAGES = { yaml: "YAML", yml: "YAML", sh: "Shell", bash: "Shell", console: "Shell", json: "JSON" };
  // The attributes this script gives a block, to be taken back when the block fits again.
  var MARK = "data-hb-scrolls";

  function scrolls(code) {
    return code.scrollWidth > code.clientWidth || code.scrollHeight > code.clientHeight;
  }

  function language(code) {
    var match = /(?:^|\s)language-([\w-]+)/.exec(code.className);
    return match ? LANGUAGES[match[1]] || match[1] : "";
  }

  // A block may carry its own name (`data-hb-name`), else it is named by its language and place.
  function name(code, index, count) {
    if (code.getAttribute("data-hb-name")) {
      return code.getAttribute("data-hb-name");
    }
    var what = language(code) ? language(code) + " example" : "Example";
    return count > 1 ? what + ", " + (index + 1) + " of " + count : what;
  }

  // Sets only what differs, so that the observer below does not wake itself up.
  function set(code, attribute, value) {
    if (value === null) {
      if (code.hasAttribute(attribute)) {
        code.removeAttribute(attribute);
      }
    } else if (code.getAttribute(attribute) !== value) {
      code.setAttribute(attribute, value);
    }
  }

  var labels = new Map();  // the blocks of the page, each with its name
  var observers = [];
  var waiting = new Set();  // blocks to measure at the next frame
  var frame = 0;

  function mark(code, scrolling) {
    if (scrolling) {
      set(code, "tabindex", "0");
      set(code, "role", "region");
      set(code, "aria-label", labels.get(code));
      set(code, MARK, "");
    } else if (code.hasAttribute(MARK)) {
      // Material removes its own tab stop when a block stops scrolling; these are ours.
      set(code, "tabindex", null);
      set(code, "role", null);
      set(code, "aria-label", null);
      set(code, MARK, null);
    }
  }

  // Every block is measured before any is marked: a change of attribute makes the next
  // measurement lay the whole page out again, once for each block.
  function update(codes) {
    var scrolling = codes.map(scrolls);
    codes.forEach(function (code, index) { mark(code, scrolling[index]); });
  }

  // Measuring a block while a script is still changing the page (the proposal form fills its
  // preview as the reader types) would make the browser lay the page out again each time. The
  // blocks are measured just after the next frame, when the browser has laid the page out for
  // it: then measuring costs nothing (in the frame itself, before its layout, it would force one).
  function later(code) {
    waiting.add(code);
    if (!frame) {
      frame = requestAnimationFrame(function () {
        setTimeout(function () {
          frame = 0;
          var codes = Array.from(waiting).filter(function (code) { return labels.has(code); });  // still on the page
          waiting.clear();
          update(codes);
        }, 0);
      });
    }
  }

  function watch() {
    observers.forEach(function (observer) { observer.disconnect(); });  // the page before's
    var blocks = Array.prototype.slice.call(document.querySelectorAll(BLOCKS));
    labels = new Map();
    blocks.forEach(function (code, index) {
      labels.set(code, name(code, index, blocks.length));
    });
    if (typeof ResizeObserver === "undefined" || typeof MutationObserver === "undefined") {
      update(blocks);
      return;
    }
    // A ResizeObserver reports each block once when it starts, and again when the block's box
    // changes (a phone turned on its side, a preview opened), each time just after the browser
    // has laid the page out. Text that changes (a preview filled in) and Material's toggle of
    // `tabindex` are seen by the MutationObserver.
    var resized = new ResizeObserver(function (entries) {
      update(entries.map(function (entry) { return entry.target; }));
    });
    var changed = new MutationObserver(function (records) {
      records.forEach(function (record) {
        var node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
        var code = node && node.closest(BLOCKS);
        if (code && labels.has(code)) {
          later(code);
        }
      });
    });
    observers = [resized, changed];
    blocks.forEach(function (code) {
      resized.observe(code);
      changed.observe(code, { attributes: true, attributeFilter: ["tabindex"], childList: true, characterData: true, subtree: true });
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(watch);  // Material's instant navigation swaps pages in place
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
