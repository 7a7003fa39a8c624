/* "Print the deck": a button that opens the browser's print dialog. It is hidden in the page as
   sent, and shown here, so that a reader without JavaScript never meets a button that does
   nothing (the page tells them to use the browser's Print command instead).

   The cards' QR codes load lazily, as they near the screen. Paper needs every one: the button
   waits for them before it opens the dialog, and the browser's own Print command asks for them
   (browsers fetch lazy images for printing anyway; this is for those that do it late). */
(function () {
  // However slow the connection, the dialog opens: a card without its code still has its address.
  var PATIENCE = 3000;

  function loadAll() {
    var images = Array.prototype.slice.call(document.querySelectorAll("img[loading='lazy']"));
    images.forEach(function (image) { image.loading = "eager"; });
    return images;
  }

  function loaded(images) {
    var each = images.map(function (image) {
      return image.decode().catch(function () { /* a broken image prints as its box */ });
    });
    var enough = new Promise(function (resolve) { setTimeout(resolve, PATIENCE); });
    return Promise.race([Promise.all(each), enough]);
  }

  window.addEventListener("beforeprint", loadAll);
  document.querySelectorAll("[data-hb-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      loaded(loadAll()).then(function () { window.print(); });
    });
  });
})();
