// Copy buttons on the subscribe page: `<button data-hb-copy="https://..." hidden>`. The buttons
// stay hidden without JavaScript (the address beside them can still be selected by hand).
(function () {
  "use strict";

  function reveal() {
    document.querySelectorAll("button[data-hb-copy][hidden]").forEach(function (button) {
      if (navigator.clipboard) {
        // Styled as a button only now: Material's .md-button would override `hidden`.
        button.classList.add("md-button");
        button.hidden = false;
      }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-hb-copy]") : null;
    if (!button || !navigator.clipboard) {
      return;
    }
    var label = button.textContent;
    navigator.clipboard.writeText(button.getAttribute("data-hb-copy")).then(
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
