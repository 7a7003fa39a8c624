/* Adds the reader's own time to an event's time, which the page gives in the zone where the
   gathering happens. The element carries the UTC start and end:
   <span class="hb-localtime" data-start="2026-12-03T06:00:00Z" data-end="..." data-zone="Pacific/Auckland" hidden>
   Without JavaScript, or when the reader is in the event's zone, it stays hidden. */
(function () {
  "use strict";

  var OPTIONS = {
    weekday: "long", day: "numeric", month: "long",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  };

  function readerZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  function describe(start, end) {
    var format = new Intl.DateTimeFormat(undefined, OPTIONS);
    if (typeof format.formatRange === "function") {
      return format.formatRange(start, end);
    }
    return format.format(start) + " – " + format.format(end);
  }

  function fill(root) {
    var zone = readerZone();
    if (!zone) {
      return;
    }
    var elements = root.querySelectorAll(".hb-localtime[data-start][data-end]");
    Array.prototype.forEach.call(elements, function (element) {
      // An all-day gathering covers the same dates wherever you are; nothing to convert.
      if (element.hasAttribute("data-all-day") || element.getAttribute("data-zone") === zone) {
        return;
      }
      var start = new Date(element.getAttribute("data-start"));
      var end = new Date(element.getAttribute("data-end"));
      if (isNaN(start.getTime()) || isNaN(end.getTime())) {
        return;
      }
      element.textContent = "Your time (" + zone + "): " + describe(start, end);
      element.hidden = false;
    });
  }

  // Material's instant navigation swaps pages without reloading: follow its document$ if present.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { fill(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { fill(document); });
  } else {
    fill(document);
  }
})();
