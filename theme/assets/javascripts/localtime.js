/* Adds the reader's own time to a gathering's time, which the page gives in the zone where the
   gathering happens. Each element carries the UTC start and end and the gathering's zone:
   <span class="hb-localtime" data-start="2026-12-03T06:00:00Z" data-end="..." data-offset="780"
         data-zone="Pacific/Auckland" hidden>
   (`data-offset`: minutes east of UTC on the gathering's clock at its start.)
   With `data-short`, a listing's line: "08:00–10:00 your time (Berlin)", with the day when it
   differs; without, an event page's sentence with the full date. Without JavaScript, or when the
   reader's clock says the same as the gathering's, it stays hidden.

   The first date formatter a page builds loads the browser's locale and zone data: tens of
   milliseconds on a phone, in the middle of the page's start. So a page whose times all read the
   same on the reader's clock never builds one, and each formatter is built once, not once or more
   for every time listed. */
(function () {
  "use strict";

  var TIMES = ".hb-localtime[data-start][data-end]";
  var LONG = {
    weekday: "long", day: "numeric", month: "long",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  };
  var CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  var DAY = { weekday: "short", day: "numeric", month: "short" };
  var FULL = Object.assign({ year: "numeric" }, LONG);

  var formatters = new Map();
  var reader;  // the reader's zone, once asked: "" when the browser does not say

  function readerZone() {
    if (reader === undefined) {
      try {
        reader = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
      } catch (error) {
        reader = "";
      }
    }
    return reader;
  }

  function formatter(zone, options) {
    var key = zone + " " + JSON.stringify(options);
    if (!formatters.has(key)) {
      formatters.set(key, new Intl.DateTimeFormat(undefined, Object.assign({ timeZone: zone }, options)));
    }
    return formatters.get(key);
  }

  // "America/New_York" -> "New York": the city, as a reader names the place.
  function city(zone) {
    var last = zone.split("/").pop().replace(/_/g, " ");
    return /^(UTC|UCT|GMT|Zulu|Universal)$/.test(last) ? "UTC" : last;
  }

  function text(moment, options, zone) {
    return formatter(zone, options).format(moment);
  }

  // The same instant gives the same words in both zones: nothing to add.
  function sameWallClock(start, zone, otherZone) {
    return text(start, FULL, zone) === text(start, FULL, otherZone);
  }

  function shortLine(start, end, zone, eventZone) {
    var line = text(start, CLOCK, zone) + "–" + text(end, CLOCK, zone);
    if (text(start, DAY, zone) !== text(start, DAY, eventZone)) {
      line = text(start, DAY, zone) + ", " + line;
    }
    return line + " your time (" + city(zone) + ")";
  }

  function longLine(start, end, zone) {
    var format = formatter(zone, LONG);
    var range = typeof format.formatRange === "function"
      ? format.formatRange(start, end)
      : format.format(start) + " – " + format.format(end);
    return "Your time (" + city(zone) + "): " + range;
  }

  function fill(element) {
    // An all-day gathering covers the same dates wherever you are; nothing to convert.
    if (element.hasAttribute("data-all-day")) {
      return;
    }
    var start = new Date(element.getAttribute("data-start"));
    var end = new Date(element.getAttribute("data-end"));
    if (isNaN(start.getTime()) || isNaN(end.getTime())) {
      return;
    }
    // The reader's clock is as far from UTC as the gathering's at its start: it says the same
    // time, and the reader's zone need not be asked for (which is what builds the first formatter).
    var offset = element.getAttribute("data-offset");
    if (offset !== null && offset !== "" && Number(offset) === -start.getTimezoneOffset()) {
      return;
    }
    var zone = readerZone();
    var eventZone = element.getAttribute("data-zone") || "UTC";
    if (!zone || eventZone === zone) {
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
  }

  function start(root) {
    Array.prototype.forEach.call(root.querySelectorAll(TIMES), fill);
  }

  // Material's instant navigation swaps pages without reloading: follow its document$ if present.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { start(document); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  } else {
    start(document);
  }
})();
