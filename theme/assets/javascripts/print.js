/* "Print the deck": a button that opens the browser's print dialog. It is hidden in the page as
   sent, and shown here, so that a reader without JavaScript never meets a button that does
   nothing (the page tells them to use the browser's Print command instead).

   The cards' QR codes load lazily, so that they are not in the way of a phone's first screen.
   Paper needs every one: once the page has loaded, the rest are fetched, because the browser's
   own Print command does not wait for lazy images (Chromium asks for them as it prints, and
   prints the sheets before they arrive); the button also waits for them before it opens the
   dialog. */
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

  // After the load, a few at a time in idle moments: each SVG image is a small document that the
  // browser parses on the main thread, and all of them at once made a task long enough to delay
  // a reader's first tap.
  var BATCH = 4;
  var idle = window.requestIdleCallback
    ? function (then) { window.requestIdleCallback(then, { timeout: 1000 }); }
    : function (then) { setTimeout(then, 50); };

  function loadTheRest() {
    var batch = Array.prototype.slice.call(document.querySelectorAll("img[loading='lazy']"), 0, BATCH);
    if (batch.length) {
      batch.forEach(function (image) { image.loading = "eager"; });
      loaded(batch).then(function () { idle(loadTheRest); });
    }
  }

  window.addEventListener("load", function () { idle(loadTheRest); });
  window.addEventListener("beforeprint", loadAll);
  document.querySelectorAll("[data-hb-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      loaded(loadAll()).then(function () { window.print(); });
    });
  });
})();
