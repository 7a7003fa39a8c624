// Copy buttons: `<code>https://...</code> <button class="hb-copy md-button" hidden>` copies the
// address before it; `<button class="hb-copy md-button" data-copy="https://..." hidden>` the
// address it carries. The buttons stay hidden without JavaScript (or without a clipboard), and
// the address can still be selected by hand. Where the browser can copy, the stylesheet shows
// them from the first paint (`hb-can-copy`, set in the page's head), so nothing moves when this
// script reveals them.
(function () {
  "use strict";

  function reveal() {
    document.querySelectorAll("button.hb-copy[hidden]").forEach(function (button) {
      if (navigator.clipboard) {
        button.hidden = false;
      }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.hb-copy") : null;
    if (!button || !navigator.clipboard) {
      return;
    }
    var address = button.getAttribute("data-copy") ||
      (button.previousElementSibling ? button.previousElementSibling.textContent.trim() : "");
    if (!address) {
      return;
    }
    var label = button.textContent;
    navigator.clipboard.writeText(address).then(
      function () { button.textContent = "Copied"; },
      function () { button.textContent = "Select the link to copy it"; }
    ).then(function () {
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(reveal);  // Material's instant navigation swaps pages in place
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
