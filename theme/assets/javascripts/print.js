/* "Print the deck": a button that opens the browser's print dialog. It is hidden in the page as
   sent, and shown here, so that a reader without JavaScript never meets a button that does
   nothing (the page tells them to use the browser's Print command instead). */
(function () {
  document.querySelectorAll("[data-hb-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
