// The glossary's words (`<abbr title>` in an article) show their meaning beside them: on hover
// with a mouse, on focus with a keyboard, on a tap on a touch screen. Escape, a tap elsewhere or
// leaving the word hides it.
//
// In place of Material's `content.tooltips`, which sets up a tooltip for every element with a
// title while the page loads (about a fifth of an area page's main-thread work at load): here
// the page pays nothing until a reader points at a word, and one listener serves them all.
//
// Invariant: while its meaning shows, a word's definition lives in `data-hb-title` (so the
// browser draws no second, native tooltip) and the word is described by the tip; otherwise it
// is back in `title`, where readers without JavaScript and assistive technology find it.
(function () {
  "use strict";

  var WORD = "article abbr[title], article abbr[data-hb-title]";
  var MARGIN = 8;  // px kept between the tip and the screen's edges
  var tip = null;
  var shown = null;

  function tipElement() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "hb-tip md-typeset";
      tip.id = "hb-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function place(word) {
    var box = word.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.min(Math.max(MARGIN, box.left), document.documentElement.clientWidth - width - MARGIN);
    tip.style.left = Math.max(MARGIN, left) + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function show(word) {
    if (shown === word) {
      return;
    }
    hide();
    var meaning = word.getAttribute("title") || word.getAttribute("data-hb-title");
    word.setAttribute("data-hb-title", meaning);
    word.removeAttribute("title");
    word.setAttribute("aria-describedby", "hb-tip");
    tipElement().textContent = meaning;
    tip.hidden = false;
    place(word);
    shown = word;
  }

  function hide() {
    if (!shown) {
      return;
    }
    shown.setAttribute("title", shown.getAttribute("data-hb-title"));
    shown.removeAttribute("data-hb-title");
    shown.removeAttribute("aria-describedby");
    tip.hidden = true;
    shown = null;
  }

  function wordAt(target) {
    return target instanceof Element ? target.closest(WORD) : null;
  }

  document.addEventListener("pointerover", function (event) {
    var word = wordAt(event.target);
    if (word && event.pointerType === "mouse") {
      show(word);
    }
  });
  document.addEventListener("pointerout", function (event) {
    if (shown && event.pointerType === "mouse" && wordAt(event.target) === shown && !shown.contains(event.relatedTarget)) {
      hide();
    }
  });
  // A tap (or a click) on a word shows it, a tap anywhere else hides it.
  document.addEventListener("click", function (event) {
    var word = wordAt(event.target);
    if (word) {
      show(word);
    } else {
      hide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var word = wordAt(event.target);
    if (word) {
      show(word);
    }
  });
  document.addEventListener("focusout", function (event) {
    if (shown && event.target === shown) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hide();
    }
  });
  window.addEventListener("resize", hide);

  // Reachable from the keyboard too: a word is a stop on the tab order, as a link would be.
  Array.prototype.forEach.call(document.querySelectorAll(WORD), function (word) {
    word.tabIndex = 0;
  });
})();
