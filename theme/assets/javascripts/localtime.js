/* Adds the reader's own time to a gathering's time, which the page gives in the zone where the
   gathering happens. Each element carries the UTC start and end and the gathering's zone:
   <span class="hb-localtime" data-start="2026-12-03T06:00:00Z" data-end="..." data-zone="Pacific/Auckland" hidden>
   With `data-short`, a listing's line: "08:00–10:00 your time (Berlin)", with the day when it
   differs; without, an event page's sentence with the full date. Without JavaScript, or when the
   reader's clock says the same as the gathering's, it stays hidden. */
(function () {
  "use strict";

  var LONG = {
    weekday: "long", day: "numeric", month: "long",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  };
  var CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  var DAY = { weekday: "short", day: "numeric", month: "short" };

  function readerZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  // "America/New_York" -> "New York": the city, as a reader names the place.
  function city(zone) {
    var last = zone.split("/").pop().replace(/_/g, " ");
    return /^(UTC|UCT|GMT|Zulu|Universal)$/.test(last) ? "UTC" : last;
  }

  function text(moment, options, zone) {
    return new Intl.DateTimeFormat(undefined, Object.assign({ timeZone: zone }, options)).format(moment);
  }

  // The same instant gives the same words in both zones: nothing to add.
  function sameWallClock(start, zone, otherZone) {
    var both = Object.assign({}, LONG, { year: "numeric" });
    return text(start, both, zone) === text(start, both, otherZone);
  }

  function shortLine(start, end, zone, eventZone) {
    var line = text(start, CLOCK, zone) + "–" + text(end, CLOCK, zone);
    if (text(start, DAY, zone) !== text(start, DAY, eventZone)) {
      line = text(start, DAY, zone) + ", " + line;
    }
    return line + " your time (" + city(zone) + ")";
  }

  function longLine(start, end, zone) {
    var format = new Intl.DateTimeFormat(undefined, Object.assign({ timeZone: zone }, LONG));
    var range = typeof format.formatRange === "function"
      ? format.formatRange(start, end)
      : format.format(start) + " – " + format.format(end);
    return "Your time (" + city(zone) + "): " + range;
  }

  function fill(root) {
    var zone = readerZone();
    if (!zone) {
      return;
    }
    var elements = root.querySelectorAll(".hb-localtime[data-start][data-end]");
    Array.prototype.forEach.call(elements, function (element) {
      var eventZone = element.getAttribute("data-zone") || "UTC";
      // An all-day gathering covers the same dates wherever you are; nothing to convert.
      if (element.hasAttribute("data-all-day") || eventZone === zone) {
        return;
      }
      var start = new Date(element.getAttribute("data-start"));
      var end = new Date(element.getAttribute("data-end"));
      if (isNaN(start.getTime()) || isNaN(end.getTime())) {
        return;
      }
      try {
        if (sameWallClock(start, zone, eventZone)) {
          return;
        }
        element.textContent = element.hasAttribute("data-short")
          ? shortLine(start, end, zone, eventZone)
          : longLine(start, end, zone);
      } catch (error) {
        return;  // a zone this browser does not know: the gathering's own time stays
      }
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
