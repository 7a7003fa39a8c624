// The proposal form of /contribute/propose/ (theme/partials/propose-form.html): a new gathering or
// group, or a change to a gathering (`?edit=<slug>`), written as the YAML file an editor would
// write, checked in the browser and handed to the code host, the clipboard, a download or e-mail.
//
// What it loads, all from this site, before anything is typed: schemas/propose.json (groups,
// patterns, zones, the code host; generator/pages/propose.py), the published JSON Schemas (checked with
// the vendored Ajv), and for `?edit=` that gathering's values. Nothing the reader types leaves
// the browser until they choose a way to send it.
//
// The checks the schema cannot express follow `handbook check` (generator/content/events.py), in its
// words; the preview's dates and rules follow generator/calendar/text.py.
(function () {
  "use strict";

  var root = document.querySelector("[data-hb-propose]");
  if (!root) {
    return;
  }

  // -- words --------------------------------------------------------------------------------

  var WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var ORDINALS = ["first", "second", "third", "fourth", "fifth"];
  var SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  // The slug of a file name, as `handbook new` makes it (generator/core/urls.py `slugify`): accents
  // taken apart and dropped (NFKD, then ASCII only), lowercase, every other run of characters a
  // hyphen, at most 60 characters. tests/browser/test_propose_browser.py holds the two to the same result.
  function slugify(text) {
    var ascii = String(text).normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }

  // -- dates: "YYYY-MM-DD" text, with arithmetic on day numbers ------------------------------

  function dayNumber(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
  }
  function fromDayNumber(n) {
    return new Date(n * 86400000).toISOString().slice(0, 10);
  }
  function parts(iso) {
    var p = iso.split("-");
    return { y: +p[0], m: +p[1], d: +p[2] };
  }
  function weekday(iso) { // Monday 0 ... Sunday 6
    return (new Date(dayNumber(iso) * 86400000).getUTCDay() + 6) % 7;
  }
  function daysInMonth(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }
  function isDay(text) {
    return /^\d{4}-\d{2}-\d{2}$/.test(text || "") && fromDayNumber(dayNumber(text)) === text;
  }
  function longDate(iso) { // Thursday 3 December 2026
    var p = parts(iso);
    return DAY_NAMES[weekday(iso)] + " " + p.d + " " + MONTHS[p.m - 1] + " " + p.y;
  }
  function shortDate(iso) { // Thu 3 Dec
    var p = parts(iso);
    return DAY_NAMES[weekday(iso)].slice(0, 3) + " " + p.d + " " + MONTHS[p.m - 1].slice(0, 3);
  }
  function minutes(time) {
    var p = time.split(":");
    return +p[0] * 60 + +p[1];
  }
  function clock(total) {
    var h = Math.floor(total / 60), m = total % 60;
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  // -- time zones, through the browser's own tables ------------------------------------------

  function offsetAt(zone, utcMillis) { // minutes east of UTC in `zone` at that moment
    var format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric",
      month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    var p = {};
    format.formatToParts(new Date(utcMillis)).forEach(function (part) { p[part.type] = +part.value; });
    return (Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - utcMillis) / 60000;
  }

  // How many moments a wall-clock time names in `zone`: 0 in the hour clocks skip, 2 in the hour
  // they repeat (generator/content/times.py `localize` refuses both).
  function momentsOf(zone, iso, time) {
    var wall = dayNumber(iso) * 86400000 + minutes(time) * 60000;
    var found = {};
    [-86400000, 0, 86400000].forEach(function (shift) {
      var offset = offsetAt(zone, wall + shift);
      var utc = wall - offset * 60000;
      if (offsetAt(zone, utc) === offset) {
        found[utc] = true;
      }
    });
    return Object.keys(found).length;
  }

  // -- series ---------------------------------------------------------------------------------

  // A rule as the form makes it: {freq, interval, days: [{n, wd}], monthdays: [..], until, count}.
  function matches(rule, start, day) {
    var s = dayNumber(start), d = dayNumber(day);
    if (d < s) {
      return false;
    }
    var ps = parts(start), pd = parts(day);
    if (rule.freq === "day") {
      return (d - s) % rule.interval === 0;
    }
    if (rule.freq === "week") {
      var days = rule.days.length ? rule.days.map(function (x) { return x.wd; }) : [weekday(start)];
      var weeks = ((d - weekday(day)) - (s - weekday(start))) / 7; // weeks start on Monday
      return days.indexOf(weekday(day)) >= 0 && weeks % rule.interval === 0;
    }
    if (rule.freq === "month") {
      if (((pd.y - ps.y) * 12 + pd.m - ps.m) % rule.interval) {
        return false;
      }
      if (rule.days.length) {
        return rule.days.some(function (x) {
          if (x.wd !== weekday(day)) {
            return false;
          }
          return x.n > 0 ? Math.ceil(pd.d / 7) === x.n : pd.d + 7 > daysInMonth(pd.y, pd.m);
        });
      }
      return (rule.monthdays.length ? rule.monthdays : [ps.d]).indexOf(pd.d) >= 0;
    }
    return pd.m === ps.m && pd.d === ps.d && (pd.y - ps.y) % rule.interval === 0;
  }

  // The dates of the series from `start`, within its until and count, at most `limit` of them.
  function seriesDates(rule, start, limit) {
    var out = [], first = dayNumber(start);
    for (var n = first; n < first + 366 * 40 && out.length < limit; n++) {
      var day = fromDayNumber(n);
      if (rule.until && day > rule.until) {
        break;
      }
      if (matches(rule, start, day)) {
        out.push(day);
        if (rule.count && out.length >= rule.count) {
          break;
        }
      }
    }
    return out;
  }

  function isOccurrence(rule, start, day) {
    if (!matches(rule, start, day) || (rule.until && day > rule.until)) {
      return false;
    }
    return !rule.count || seriesDates(rule, start, rule.count).indexOf(day) >= 0;
  }

  function nearestOccurrence(rule, start, day) {
    var dates = seriesDates(rule, start, 5000), best = null;
    dates.forEach(function (d) {
      if (best === null || Math.abs(dayNumber(d) - dayNumber(day)) < Math.abs(dayNumber(best) - dayNumber(day))) {
        best = d;
      }
    });
    return best;
  }

  function join(items) {
    return items.length <= 1 ? items.join("") : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  // "Every week on Thursday, until Thursday 24 June 2027", as generator/calendar/text.py `describe_rule` says it.
  function describeRule(rule, start) {
    var unit = rule.freq;
    var words = rule.interval === 1 ? "Every " + unit : "Every " + rule.interval + " " + unit + "s";
    if (unit === "week") {
      var wds = rule.days.length ? rule.days.map(function (x) { return x.wd; }) : [weekday(start)];
      words += " on " + join(wds.map(function (wd) { return DAY_NAMES[wd]; }));
    } else if (unit === "month") {
      if (rule.days.length) {
        words += " on the " + join(rule.days.map(function (x) {
          return (x.n === -1 ? "last" : ORDINALS[x.n - 1]) + " " + DAY_NAMES[x.wd];
        }));
      } else {
        words += " on day " + join((rule.monthdays.length ? rule.monthdays : [parts(start).d]).map(String));
      }
    } else if (unit === "year") {
      words += " on " + parts(start).d + " " + MONTHS[parts(start).m - 1];
    }
    if (rule.until) {
      words += ", until " + longDate(rule.until);
    } else if (rule.count) {
      words += rule.count === 1 ? ", once" : ", " + rule.count + " times";
    }
    return words;
  }

  // -- YAML, as an editor writes it by hand ---------------------------------------------------

  var RESERVED_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
  // What YAML 1.1 or 1.2 would read as a number or a date: `12`, `1.5`, `1e3`, `0x1F`, `1_000`, `2026-12`.
  var NUMBER_LIKE = /^([-+]?[\d_.]+([eE][-+]?\d+)?|0[xXoObB][\dA-Fa-f_]+|\d{4}-\d\d?(-\d\d?)?\b.*)$/;
  var DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}(:\d{2})?)?$/;

  // A value as YAML: plain where a reader would write it plainly, else a double-quoted string
  // (JSON's strings are YAML's), so that no title becomes a number, a date or a key.
  function scalar(value, inFlow) {
    if (typeof value === "number" || typeof value === "boolean") {
      return String(value);
    }
    var text = String(value);
    if (DATE_OR_TIME.test(text)) {
      return text;
    }
    var plain = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} ,.'’()&/!?+@_:#%=;~-]*$/u.test(text) && !/: | #|[ :]$/.test(text) &&
      !RESERVED_WORDS.test(text) && !NUMBER_LIKE.test(text) && !(inFlow && /[,]/.test(text));
    return plain ? text : JSON.stringify(text);
  }

  function commented(line, comment) {
    return comment ? (line.length < 32 ? line + " ".repeat(32 - line.length) : line + " ") + "# " + comment : line;
  }

  function isScalar(value) {
    return value === null || typeof value !== "object";
  }

  // Lines for `key: value` at `indent`; `comments` maps a key path ("repeat.until") to a comment.
  function emit(key, value, indent, lines, comments, path) {
    var pad = " ".repeat(indent), comment = comments[path];
    if (Array.isArray(value)) {
      if (value.every(isScalar) && value.every(function (v) { return String(v).indexOf("\n") < 0; })) {
        lines.push(commented(pad + key + ": [" + value.map(function (v) { return scalar(v, true); }).join(", ") + "]", comment));
        return;
      }
      lines.push(commented(pad + key + ":", comment));
      value.forEach(function (item) {
        if (isScalar(item)) {
          lines.push(pad + "  - " + scalar(item));
          return;
        }
        var sub = [];
        emitMapping(item, indent + 4, sub, comments, path + "[]");
        sub[0] = pad + "  - " + sub[0].slice(indent + 4);
        Array.prototype.push.apply(lines, sub);
      });
    } else if (!isScalar(value)) {
      lines.push(commented(pad + key + ":", comment));
      emitMapping(value, indent + 2, lines, comments, path);
    } else if (typeof value === "string" && value.indexOf("\n") >= 0) {
      var text = value.replace(/\r\n?/g, "\n").replace(/^\n+/, "").replace(/\s+$/, "");
      lines.push(pad + key + ": |" + (/^[ \t]/.test(text) ? "2" : ""));
      text.split("\n").forEach(function (line) {
        lines.push(line ? pad + "  " + line : "");
      });
    } else {
      lines.push(commented(pad + key + ": " + scalar(value), comment));
    }
  }

  function emitMapping(mapping, indent, lines, comments, path) {
    Object.keys(mapping).forEach(function (key) {
      emit(key, mapping[key], indent, lines, comments, path ? path + "." + key : key);
    });
  }

  function yamlText(values, comments, header) {
    var lines = header.slice();
    emitMapping(values, 0, lines, comments, "");
    return lines.join("\n") + "\n";
  }

  // -- the page's state -----------------------------------------------------------------------

  var data = null; // schemas/propose.json
  var schemas = {}; // the published JSON Schemas, compiled by Ajv when first needed
  var validators = {};
  var engaged = false; // the reader has started on the form (compiling waits for it: see `validator`)
  var editing = null; // {slug, path, values} of the gathering being changed
  var kind = "event";
  var touched = {};
  var slugFollows = { event: true, group: true };
  var zoneFollows = true;
  var weekdaysFollow = true;
  var excepts = [];
  var current = null; // the last result of `build()`

  function byId(id) {
    return document.getElementById(id);
  }
  function value(id) {
    return byId(id).value.trim();
  }
  function checked(name) {
    var input = root.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : "";
  }
  function groupBySlug(slug) {
    return data.groups.filter(function (g) { return g.slug === slug; })[0] || null;
  }
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attributes[name];
      } else {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // -- a gathering: the form's values as the file's ------------------------------------------

  function repeatRule(start) {
    var choice = value("p-repeat");
    if (!choice || choice === "keep" || !isDay(start)) {
      return null;
    }
    var wd = weekday(start), p = parts(start);
    var rule = { freq: choice.replace(/[0-9-].*$/, ""), interval: choice === "week2" ? 2 : 1, days: [], monthdays: [],
      until: null, count: null };
    if (rule.freq === "week") {
      rule.days = weekdaysChosen().map(function (d) { return { n: 0, wd: d }; });
    } else if (choice === "month-nth") {
      rule.days = [{ n: Math.ceil(p.d / 7), wd: wd }];
    } else if (choice === "month-last") {
      rule.days = [{ n: -1, wd: wd }];
    } else if (choice === "month-day") {
      rule.monthdays = [p.d];
    }
    var ends = checked("p-ends");
    if (ends === "until" && isDay(value("p-until"))) {
      rule.until = value("p-until");
    } else if (ends === "count" && /^\d+$/.test(value("p-count"))) {
      rule.count = +value("p-count");
    }
    return rule;
  }

  function weekdaysChosen() {
    return Array.prototype.map.call(root.querySelectorAll("input[name='p-weekday']:checked"), function (input) {
      return +input.value;
    });
  }

  function repeatValues(rule, start) {
    var original = editing && editing.values.repeat;
    if (value("p-repeat") === "keep") {
      var kept = JSON.parse(JSON.stringify(original));
      delete kept.except;
      if (excepts.length) {
        kept.except = excepts.slice().sort();
      }
      return reorder(kept, ["every", "interval", "on", "rrule", "until", "count", "except", "changes"]);
    }
    var out = { every: rule.freq };
    if (rule.interval > 1) {
      out.interval = rule.interval;
    }
    if (rule.freq === "week") {
      out.on = rule.days.map(function (x) { return WEEKDAYS[x.wd]; });
    } else if (rule.freq === "month") {
      out.on = rule.days.length ? rule.days.map(function (x) {
        return (x.n === -1 ? "last" : ORDINALS[x.n - 1]) + " " + WEEKDAYS[x.wd];
      }) : rule.monthdays.slice();
    }
    var ends = checked("p-ends");
    if (ends === "until") {
      out.until = value("p-until");
    } else if (ends === "count") {
      out.count = /^\d+$/.test(value("p-count")) ? +value("p-count") : value("p-count");
    }
    if (excepts.length) {
      out.except = excepts.slice().sort();
    }
    if (original && original.changes) {
      out.changes = original.changes; // kept as they are: the form does not edit them
    }
    return out;
  }

  function reorder(mapping, order) {
    var out = {};
    order.forEach(function (key) {
      if (key in mapping) {
        out[key] = mapping[key];
      }
    });
    Object.keys(mapping).forEach(function (key) {
      if (!(key in out)) {
        out[key] = mapping[key];
      }
    });
    return out;
  }

  // A zone as the site's pages name it (generator/calendar/text.py, `zone_name`):
  // `America/New_York` -> "New York time", UTC as "UTC".
  function zoneName(zone) {
    var city = String(zone).split("/").pop().replace(/_/g, " ");
    if (zone.indexOf("Etc/") === 0 || ["UTC", "GMT", "UCT", "Zulu", "Universal"].indexOf(city) >= 0) {
      return ["UTC", "UCT", "Zulu", "Universal"].indexOf(city) >= 0 ? "UTC" : zone;
    }
    return city + " time";
  }

  function eventModel() {
    var allDay = byId("p-allday").checked;
    var start = value("p-date"), startTime = value("p-start-time"), endTime = value("p-end-time");
    var endDate = value("p-end-date");
    var group = groupBySlug(value("p-group"));
    var zone = value("p-timezone") || (group ? group.timezone : "");
    return { allDay: allDay, start: start, startTime: startTime, endTime: endTime, endDate: endDate,
      group: group, zone: zone, rule: repeatRule(start) };
  }

  function eventValues(model) {
    var original = editing ? editing.values : {};
    var v = {};
    // A field left empty is left out, so that the schema says it is missing.
    if (value("p-title")) {
      v.title = value("p-title");
    }
    if (value("p-group")) {
      v.group = value("p-group");
    }
    if (!model.start) {
      // nothing to say about the times yet
    } else if (model.allDay) {
      v.start = model.start;
      if (model.endDate && model.endDate !== model.start) {
        v.end = model.endDate;
      }
    } else {
      v.start = model.start + (model.startTime ? " " + model.startTime : "");
      var endDay = model.endDate || model.start;
      var end = endDay + (model.endTime ? " " + model.endTime : "");
      if (original.duration && original.start === v.start && editing.end === end) {
        v.duration = original.duration; // unchanged: written as it was
      } else if (model.endTime) {
        v.end = end;
      }
    }
    if (model.zone && (!model.group || model.zone !== model.group.timezone || original.timezone)) {
      v.timezone = model.zone;
    }
    v.status = value("p-status");
    if (value("p-repeat")) {
      v.repeat = repeatValues(model.rule, model.start);
    }
    var place = value("p-place"), address = value("p-address");
    if (place || address) {
      v.location = {};
      if (place) {
        v.location.name = place;
      }
      if (address) {
        v.location.address = address;
      }
      if (original.location && original.location.geo) {
        v.location.geo = original.location.geo;
      }
    }
    if (value("p-online")) {
      v.online = value("p-online");
    }
    if (checked("p-who")) {
      v.open_to_newcomers = checked("p-who") === "true"; // left out: as the group says
    }
    var patterns = Array.prototype.map.call(root.querySelectorAll("input[name='p-pattern']:checked"), function (input) {
      return input.value;
    });
    if (patterns.length) {
      v.patterns = patterns;
    }
    var tags = [];
    value("p-tags").split(",").forEach(function (word) {
      var tag = slugify(word);
      if (tag && tags.indexOf(tag) < 0) {
        tags.push(tag);
      }
    });
    if (tags.length) {
      v.tags = tags;
    }
    if (value("p-org-name") || value("p-org-email")) {
      v.organizer = { name: value("p-org-name") };
      if (value("p-org-email")) {
        v.organizer.email = value("p-org-email");
      }
    }
    var description = byId("p-description").value.replace(/\s+$/, "");
    if (description.trim()) {
      v.description = description.indexOf("\n") >= 0 ? description + "\n" : description;
    }
    return v;
  }

  function eventComments(v, model) {
    var zone = model.zone || "the group's time zone";
    var comments = { status: "confirmed | tentative | cancelled" };
    comments.start = model.allDay ? "a date alone: all day" : "local time in " + zone;
    if (v.end && model.allDay) {
      comments.end = "its last day, included";
    }
    if (v.repeat) {
      comments["repeat.every"] = "day | week | month | year";
      comments["repeat.until"] = "the last date, included";
      comments["repeat.except"] = "dates it does not happen";
    }
    comments.patterns = "the practices, from content/patterns/";
    return comments;
  }

  // -- a gathering: the checks the schema cannot express, in `handbook check`'s words --------

  function eventChecks(model, v) {
    var problems = [];
    function add(id, message, hint) {
      problems.push({ id: id, message: message, hint: hint || "" });
    }
    slugChecks("event", value("p-slug"), add);
    if (!model.start) {
      add("p-date", "`start` is missing", "choose the date");
      return problems;
    }
    zoneCheck(model.zone, "p-timezone", add);
    var zoneOk = data.timezones.indexOf(model.zone) >= 0;
    if (model.allDay) {
      if (model.endDate && model.endDate < model.start) {
        add("p-end-date", "`end` " + model.endDate + " is before `start` " + model.start, "for an all-day event `end` is its last day");
      }
    } else if (!model.startTime) {
      add("p-start-time", "`start` needs a time", "give the time it starts, or tick “All day”");
    } else if (!model.endTime && !v.duration) {
      add("p-end-time", "a timed event needs `end` or `duration`", "give the time it ends");
    } else {
      if (v.end && v.end.replace(" ", "T") <= v.start.replace(" ", "T")) {
        add(model.endDate ? "p-end-date" : "p-end-time", "`end` " + v.end + " is not after `start` " + v.start,
          "an event ends after it starts" + (model.endDate ? "" : "; ends after midnight? give the day it ends"));
      }
      if (zoneOk) {
        clockCheck(model.zone, model.start, model.startTime, "start", "p-start-time", add);
        if (v.end) {
          clockCheck(model.zone, model.endDate || model.start, model.endTime, "end", "p-end-time", add);
        }
      }
    }
    var choice = value("p-repeat");
    if (!model.rule || choice === "keep") {
      return problems;
    }
    var rule = model.rule, ends = checked("p-ends");
    if (rule.freq === "week" && !rule.days.length) {
      add("p-weekdays", "`repeat.on` has no day", "tick the days it happens on");
      return problems;
    }
    if (ends === "until" && !isDay(value("p-until"))) {
      add("p-until", "`repeat.until` is missing", "choose the last date");
    } else if (ends === "until" && rule.until < model.start) {
      add("p-until", model.allDay ? "`repeat.until` " + rule.until + " is before `start` " + model.start
        : "`repeat.until` is before `start` " + v.start, "the series would never happen");
      return problems;
    }
    if (ends === "count" && !rule.count) {
      add("p-count", "`repeat.count` is missing", "say how many times, or choose another end");
    }
    if (!matches(rule, model.start, model.start)) {
      var first = seriesDates(rule, fromDayNumber(dayNumber(model.start) - weekday(model.start)), 400)
        .filter(function (d) { return d >= model.start; })[0];
      add(rule.freq === "week" ? "p-weekdays" : "p-date", "`start` (" + DAY_NAMES[weekday(model.start)] + " " + model.start +
        ") is not one of the days the series repeats on",
        first ? "start the series on its first occurrence, " + first : "check `repeat`");
      return problems;
    }
    excepts.forEach(function (day) {
      occurrenceCheck(rule, model.start, day, "repeat.except", "p-except", add);
    });
    var changes = (v.repeat && v.repeat.changes) || [];
    changes.forEach(function (change, index) {
      occurrenceCheck(rule, model.start, String(change.date), "repeat.changes[" + (index + 1) + "].date", "p-repeat", add);
    });
    return problems;
  }

  function occurrenceCheck(rule, start, day, name, id, add) {
    if (isOccurrence(rule, start, day)) {
      return;
    }
    var nearest = nearestOccurrence(rule, start, day);
    add(id, "`" + name + "` " + day + " is not a date of the series",
      nearest ? "the nearest occurrence is on " + DAY_NAMES[weekday(nearest)] + " " + nearest : "");
  }

  function clockCheck(zone, day, time, name, id, add) {
    var count = momentsOf(zone, day, time);
    if (count === 0) {
      add(id, "`" + name + "` " + day + " " + time + " does not exist in " + zone + ": the clocks go forward at that time",
        "choose a time outside the change");
    } else if (count > 1) {
      add(id, "`" + name + "` " + day + " " + time + " happens twice in " + zone + ": the clocks go back at that time",
        "choose a time outside the change");
    }
  }

  function zoneCheck(zone, id, add) {
    if (!zone) {
      add(id, "`timezone` is missing", "time zones look like `Europe/London`");
      return;
    }
    if (data.timezones.indexOf(zone) >= 0) {
      return;
    }
    var close = data.timezones.filter(function (z) {
      var last = z.split("/").pop().toLowerCase();
      return z.toLowerCase() === zone.toLowerCase() || last === zone.toLowerCase().replace(/ /g, "_");
    });
    add(id, "`" + zone + "` is not a time zone",
      "time zones look like `Europe/London`" + (close.length ? "; did you mean `" + close.join("` or `") + "`?" : ""));
  }

  function slugChecks(which, slug, add) {
    var id = which === "event" ? "p-slug" : "g-slug";
    if (editing && which === "event") {
      return; // the file keeps its name, and so its address
    }
    if (!slug) {
      add(id, "the title needs at least one letter or digit (the file name is made from it)", "give it a name");
    } else if (!SLUG_RE.test(slug)) {
      add(id, "the file name `" + slug + ".yml` is not a slug", "rename it to `" + (slugify(slug) || "my-slug") +
        ".yml`: lowercase letters, digits and hyphens");
    } else if (data.reserved[which].indexOf(slug) >= 0 || (which === "event" && /^\d+$/.test(slug))) {
      add(id, "`" + slug + "` cannot be a slug here: the site uses that address for something else", "choose another name");
    } else if (data.taken[which].indexOf(slug) >= 0) {
      add(id, "the slug `" + slug + "` is also used by another " + (which === "event" ? "gathering" : "group"),
        "the file name is the " + which + "'s address, so it must be unique: change the address");
    }
  }

  // -- a group --------------------------------------------------------------------------------

  function groupValues() {
    var v = {};
    [["name", "g-name"], ["kind", null], ["summary", "g-summary"], ["timezone", "g-timezone"]].forEach(function (pair) {
      var text = pair[1] ? value(pair[1]) : checked("g-kind");
      if (text) {
        v[pair[0]] = text;
      }
    });
    if (value("g-where")) {
      v.where = value("g-where");
    }
    if (v.kind === "crew" && value("g-part-of")) {
      v.part_of = value("g-part-of");
    }
    v.open_to_newcomers = checked("g-open") === "true";
    var contact = value("g-contact");
    if (contact) {
      // An address alone becomes a mailto: link, as the format asks.
      v.contact = /^[^@\s:/]+@[^@\s]+$/.test(contact) ? "mailto:" + contact : contact;
    }
    if (value("g-calendar")) {
      v.calendar = value("g-calendar");
    }
    return v;
  }

  function groupChecks(v) {
    var problems = [];
    function add(id, message, hint) {
      problems.push({ id: id, message: message, hint: hint || "" });
    }
    slugChecks("group", value("g-slug"), add);
    if (v.timezone) {
      zoneCheck(v.timezone, "g-timezone", add);
    }
    return problems;
  }

  // -- the schema's problems, in `handbook check`'s words -------------------------------------

  var EVENT_FIELDS = [["/title", "p-title"], ["/group", "p-group"], ["/start", "p-date"], ["/end", "p-end-time"],
    ["/duration", "p-end-time"], ["/timezone", "p-timezone"], ["/status", "p-status"], ["/repeat/until", "p-until"],
    ["/repeat/count", "p-count"], ["/repeat/except", "p-except"], ["/repeat/on", "p-weekdays"], ["/repeat", "p-repeat"],
    ["/location/address", "p-address"], ["/location", "p-place"], ["/online", "p-online"], ["/patterns", "p-patterns"],
    ["/tags", "p-tags"], ["/organizer/email", "p-org-email"], ["/organizer", "p-org-name"], ["/description", "p-description"]];
  var GROUP_FIELDS = [["/name", "g-name"], ["/kind", "g-name"], ["/summary", "g-summary"], ["/timezone", "g-timezone"],
    ["/where", "g-where"], ["/part_of", "g-part-of"], ["/contact", "g-contact"], ["/calendar", "g-calendar"]];

  function fieldFor(path, table) {
    var best = null;
    table.forEach(function (entry) {
      if ((path === entry[0] || path.indexOf(entry[0] + "/") === 0) && (!best || entry[0].length > best[0].length)) {
        best = entry;
      }
    });
    return best ? best[1] : null;
  }

  function pointerValue(values, pointer) {
    return pointer.split("/").slice(1).reduce(function (node, key) {
      return node == null ? undefined : node[key];
    }, values);
  }

  function dotted(pointer) { // /repeat/except/1 -> repeat.except[2]
    return pointer.split("/").slice(1).reduce(function (name, key) {
      return /^\d+$/.test(key) ? name + "[" + (+key + 1) + "]" : (name ? name + "." : "") + key;
    }, "");
  }

  // Ajv (120 KB) is fetched, and the event schema compiled (a quarter of a second on a slow
  // phone), when the reader starts on the form rather than while the page loads. Until it has
  // arrived the form's own checks stand alone; when it does, the form is checked again.
  var ajvLoading = false;
  function loadAjv() {
    if (ajvLoading) {
      return;
    }
    ajvLoading = true;
    var script = document.createElement("script");
    script.src = new URL(root.getAttribute("data-ajv"), document.baseURI).href;
    script.addEventListener("load", update);
    document.head.appendChild(script);
  }

  function validator(which) {
    var Ajv = window.ajv7 && (window.ajv7.default || window.ajv7);
    if (!engaged) {
      return undefined;
    }
    if (!Ajv) {
      loadAjv();
    } else if (!validators[which] && schemas[which]) {
      validators[which] = new Ajv({ allErrors: true, strict: false }).compile(schemas[which]);
    }
    return validators[which];
  }

  function schemaProblems(which, values) {
    var validate = validator(which);
    if (!validate || validate(values)) {
      return [];
    }
    var table = which === "event" ? EVENT_FIELDS : GROUP_FIELDS;
    var found = validate.errors.map(function (error) {
      var pointer = error.instancePath;
      if (error.keyword === "required") {
        pointer += "/" + error.params.missingProperty;
      }
      var name = dotted(pointer), raw = pointerValue(values, error.instancePath), text = String(raw);
      var message = "`" + name + "` " + error.message, hint = "";
      var leaf = pointer.split("/").filter(function (k) { return !/^\d+$/.test(k); }).pop();
      if (error.keyword === "required") {
        message = "`" + name + "` is missing";
      } else if (error.keyword === "maxLength") {
        message = "`" + name + "` is " + text.length.toLocaleString("en") + " characters long; at most " +
          error.params.limit.toLocaleString("en") + " are allowed";
        hint = "shorten it";
      } else if (error.keyword === "minLength") {
        message = "`" + name + "` is empty";
      } else if (error.keyword === "maxItems") {
        message = "`" + name + "` has " + raw.length + " items; at most " + error.params.limit + " are allowed";
      } else if (error.keyword === "pattern") {
        if (leaf === "online") {
          message = "`" + name + "` `" + text + "` is not a web address";
          hint = "links must start with https:// (or http://)";
        } else if (leaf === "calendar") {
          message = "`" + name + "` `" + text + "` is not the address of a calendar feed";
          hint = "copy the public address (https://... or webcal://...) from the calendar's sharing settings";
        } else if (leaf === "contact") {
          message = "`" + name + "` `" + text + "` is not a web address or mailto: link";
          hint = "write `https://...` or an e-mail address";
        } else if (leaf === "email") {
          message = "`" + name + "` `" + text + "` is not an email address";
          hint = "write it like `name@example.org`";
        } else if (["group", "tags", "patterns", "part_of"].indexOf(leaf) >= 0) {
          message = "`" + name + "` `" + text + "` is not a slug";
        } else if (leaf === "timezone") {
          message = "`" + text + "` is not a time zone";
        } else if (["start", "end", "until", "except", "date"].indexOf(leaf) >= 0) {
          message = "`" + name + "` is not a date or a date and time: `" + text + "`";
          hint = "write it like `2026-12-03 19:00`, or `2026-12-03` for an all-day event";
        } else if (/\n/.test(text)) {
          message = "`" + name + "` must be a single line";
        } else {
          message = "`" + name + "` is not written the way the format asks: `" + text + "`";
        }
      } else if (error.keyword === "minimum" || error.keyword === "maximum") {
        message = "`" + name + "` must be " + (error.keyword === "minimum" ? "at least " : "at most ") + error.params.limit +
          ", not " + text;
      }
      return { id: fieldFor(pointer, table), message: message, hint: hint, keyword: error.keyword };
    });
    // `anyOf` and a `type` of one of its branches say less than the error beside them.
    var specific = found.filter(function (p) { return p.keyword !== "anyOf" && p.keyword !== "type"; });
    return specific.length ? specific : found;
  }

  // -- building, checking and showing --------------------------------------------------------

  function build() {
    if (kind === "group") {
      var gv = groupValues();
      var gslug = value("g-slug");
      return { kind: "group", values: gv, slug: gslug,
        path: data.content_folder + "/groups/" + gslug + ".yml",
        yaml: yamlText(gv, { kind: "crew | congregation | network" }, header("group")),
        problems: dedupe(groupChecks(gv).concat(schemaProblems("group", gv))) };
    }
    var model = eventModel();
    var v = eventValues(model);
    var slug = editing ? editing.slug : value("p-slug");
    var path = editing ? editing.path : data.content_folder + "/events/" + (v.group || "your-group") + "/" + slug + ".yml";
    return { kind: "event", values: v, model: model, slug: slug, path: path,
      yaml: yamlText(v, eventComments(v, model), header("event")),
      problems: dedupe(eventChecks(model, v).concat(schemaProblems("event", v))) };
  }

  function header(which) {
    var lines = [];
    if (data.modeline) {
      lines.push("# yaml-language-server: $schema=" + data.modeline[which]);
    }
    lines.push(which === "event"
      ? "# A gathering, written with the form at /contribute/propose/. Every field is explained on the"
      : "# A crew, congregation or network, written with the form at /contribute/propose/. Every field is explained on the");
    lines.push("# site's Contribute pages; `handbook check` says what is wrong and on which line.");
    return lines;
  }

  function dedupe(problems) {
    var seen = {};
    return problems.filter(function (p) {
      var key = p.id + "\n" + p.message;
      if (seen[key]) {
        return false;
      }
      seen[key] = true;
      return true;
    });
  }

  function showProblems(result) {
    var firstById = {};
    result.problems.forEach(function (p) {
      if (p.id && !firstById[p.id]) {
        firstById[p.id] = p;
      }
    });
    root.querySelectorAll(".hb-error").forEach(function (box) {
      var id = box.id.replace(/-error$/, "");
      var problem = touched[id] ? firstById[id] : null;
      var control = byId(id);
      box.hidden = !problem;
      box.textContent = problem ? sentence(problem) : "";
      if (control && control.matches && control.matches("input, select, textarea")) {
        if (problem) {
          control.setAttribute("aria-invalid", "true");
        } else {
          control.removeAttribute("aria-invalid");
        }
      }
    });
  }

  // `x` is missing; choose the date  ->  shown with the backticks as quotes a reader knows.
  function sentence(problem) {
    var text = problem.message + (problem.hint ? "; " + problem.hint : "");
    return text.replace(/`([^`]*)`/g, "“$1”");
  }

  // -- preview --------------------------------------------------------------------------------

  function whenText(model, v) {
    var start = model.start;
    if (!isDay(start)) {
      return "";
    }
    if (model.allDay) {
      var last = model.endDate && model.endDate > start ? model.endDate : start;
      if (last === start) {
        return longDate(start) + ", all day";
      }
      var a = parts(start), b = parts(last), first = DAY_NAMES[weekday(start)] + " " + a.d;
      if (a.y === b.y && a.m === b.m) {
        return first + " – " + longDate(last);
      }
      return a.y === b.y ? first + " " + MONTHS[a.m - 1] + " – " + longDate(last) : longDate(start) + " – " + longDate(last);
    }
    if (!model.startTime) {
      return longDate(start);
    }
    var zone = " (" + zoneName(model.zone) + ")";
    if (!model.endTime) {
      return longDate(start) + ", " + model.startTime + zone;
    }
    var endDay = model.endDate || start;
    if (endDay === start || (model.endTime === "00:00" && dayNumber(endDay) === dayNumber(start) + 1)) {
      return longDate(start) + ", " + model.startTime + "–" + model.endTime + zone;
    }
    return longDate(start) + ", " + model.startTime + " – " + shortDate(endDay) + " " + model.endTime + zone;
  }

  function preview(result) {
    var box = root.querySelector("[data-hb-preview]");
    box.textContent = "";
    if (result.kind === "group") {
      previewGroup(box, result.values);
      return;
    }
    var v = result.values, model = result.model, group = model.group;
    if (v.status === "cancelled") {
      box.appendChild(el("p", { class: "hb-banner hb-banner--cancelled" }, [el("strong", { text: "Cancelled." }),
        v.repeat ? " This series of gatherings will not take place." : " This gathering will not take place."]));
    } else if (v.status === "tentative") {
      box.appendChild(el("p", { class: "hb-banner hb-banner--tentative" }, [el("strong", { text: "Tentative." }),
        " The date or the place may still change; check again before you go."]));
    }
    box.appendChild(el("p", { class: "hb-preview__title", "data-hb-preview-title": "", text: v.title || "What is it called?" }));
    box.appendChild(el("p", { class: "hb-event__group" }, ["A gathering of ", el("strong", { text: group ? group.name : "…" })]));
    var facts = el("dl", { class: "hb-facts" });
    function fact(term, nodes, name) {
      facts.appendChild(el("dt", { text: term }));
      facts.appendChild(el("dd", name ? { "data-hb-preview-fact": name } : {}, nodes));
    }
    var when = whenText(model, v);
    if (model.rule && isDay(model.start)) {
      var dates = seriesDates(model.rule, model.start, 60).filter(function (d) { return excepts.indexOf(d) < 0; });
      fact("When", [el("span", { class: "hb-facts__rule", "data-hb-preview-rule": "", text: describeRule(model.rule, model.start) }),
        el("br"), "First: ", el("strong", { text: when })], "when");
    } else if (value("p-repeat") === "keep") {
      fact("When", [el("span", { class: "hb-facts__rule", text: "Repeats as the file says now" }), el("br"), "First: ",
        el("strong", { text: when })], "when");
    } else {
      fact("When", [el("strong", { class: "hb-when", text: when || "Choose a date" })], "when");
    }
    if (v.location) {
      var where = [];
      if (v.location.name) {
        where.push(el("strong", { text: v.location.name }));
      }
      if (v.location.name && v.location.address) {
        where.push(el("br"));
      }
      if (v.location.address) {
        where.push(v.location.address);
      }
      fact("Where", where, "where");
    }
    if (v.online) {
      fact("Online", [v.online], "online");
    }
    if (!v.location && !v.online && group && group.where) {
      fact("Where", [group.where], "where");
    }
    if (v.organizer && v.organizer.name) {
      fact("Ask", [v.organizer.name + (v.organizer.email ? " · " + v.organizer.email : "")], "ask");
    }
    if (v.tags) {
      fact("Tags", [v.tags.map(function (t) { return "#" + t; }).join(" ")], "tags");
    }
    box.appendChild(facts);
    if (v.description) {
      box.appendChild(el("p", { class: "hb-preview__heading", text: "About this gathering" }));
      v.description.trim().split(/\n\s*\n/).forEach(function (paragraph) {
        box.appendChild(el("p", { class: "hb-preview__text", text: paragraph }));
      });
    }
    if (model.rule && isDay(model.start)) {
      // A series that has begun (one being changed) shows what is still to come.
      var today = new Date().toISOString().slice(0, 10);
      var coming = dates.filter(function (d) { return d >= today; });
      var shown = coming.length && coming.length < dates.length ? coming : dates;
      var list = el("ul", { class: "hb-preview__dates", "data-hb-preview-dates": "" });
      shown.slice(0, 6).forEach(function (d) {
        list.appendChild(el("li", { text: longDate(d) }));
      });
      if (shown.length) {
        box.appendChild(el("p", { class: "hb-preview__heading", text: shown === coming ? "Next dates" : "First dates" }));
        box.appendChild(list);
      }
    }
    if (v.patterns) {
      box.appendChild(el("p", { class: "hb-preview__heading", text: "Patterns practised" }));
      box.appendChild(el("ul", {}, v.patterns.map(function (slug) {
        var pattern = data.patterns.filter(function (p) { return p.slug === slug; })[0];
        return el("li", { text: pattern ? pattern.title : slug });
      })));
    }
  }

  function previewGroup(box, v) {
    box.appendChild(el("p", { class: "hb-preview__title", "data-hb-preview-title": "", text: v.name || "Its name" }));
    box.appendChild(el("p", { class: "hb-summary", text: v.summary || "" }));
    var facts = el("dl", { class: "hb-facts" });
    [["Kind", v.kind + (v.part_of ? " of " + ((groupBySlug(v.part_of) || {}).name || v.part_of) : "")],
      ["Where", v.where], ["Time zone", v.timezone],
      ["Newcomers", v.open_to_newcomers ? "Welcome. Just come along to a gathering." : "Not open to newcomers at the moment."],
      ["Contact", v.contact ? v.contact.replace(/^mailto:/, "") : ""],
      ["Its own calendar", v.calendar]].forEach(function (pair) {
      if (pair[1]) {
        facts.appendChild(el("dt", { text: pair[0] }));
        facts.appendChild(el("dd", { text: pair[1] }));
      }
    });
    box.appendChild(facts);
  }

  // -- hand-over ------------------------------------------------------------------------------

  function fileName(result) {
    return result.path.split("/").pop();
  }

  function handover(result) {
    var section = root.querySelector("[data-hb-handover]");
    section.hidden = false;
    root.querySelector("[data-hb-path]").textContent = result.path;
    root.querySelector("[data-hb-yaml]").textContent = result.yaml;
    var problems = root.querySelector("[data-hb-problems]"), ways = root.querySelector("[data-hb-ways]");
    var list = root.querySelector("[data-hb-problem-list]");
    problems.hidden = !result.problems.length;
    ways.hidden = !!result.problems.length;
    // Rebuilt only when it changes: a field left for one of its links fires a change, and a
    // list rebuilt under the pointer would swallow the click.
    var signature = JSON.stringify(result.problems);
    if (result.problems.length && signature === list.getAttribute("data-hb-signature")) {
      return;
    }
    list.setAttribute("data-hb-signature", signature);
    list.textContent = "";
    if (result.problems.length) {
      root.querySelector("[data-hb-problems-lead]").textContent = result.problems.length === 1
        ? "One thing to fix before you send it:" : result.problems.length + " things to fix before you send it:";
      result.problems.forEach(function (p) {
        var item = el("li");
        item.appendChild(p.id ? el("a", { href: "#" + p.id, "data-hb-goto": p.id, text: sentence(p) }) : el("span", { text: sentence(p) }));
        list.appendChild(item);
      });
      return;
    }
    var what = result.kind === "group" ? "group" : "gathering";
    root.querySelector("[data-hb-ways-lead]").textContent = editing
      ? "Ready. Send the changed file for review:"
      : "Ready. Send your " + what + " for review in one of these ways:";
    var host = root.querySelector("[data-hb-host]"), help = root.querySelector("[data-hb-host-help]");
    var long = root.querySelector("[data-hb-too-long]");
    long.hidden = true;
    host.hidden = !data.host;
    help.hidden = !data.host;
    if (data.host) {
      var folder = result.path.slice(0, result.path.lastIndexOf("/"));
      if (editing && result.kind === "event") {
        host.href = data.host.edit + result.path;
        host.textContent = "Copy it and open the file on GitHub";
        help.textContent = "On GitHub, select all of the file's text and paste yours in its place, then choose " +
          "“Commit changes” and “Propose changes”. Without an account, GitHub asks you to make one (it is free).";
      } else {
        var full = data.host.new + folder + "?filename=" + encodeURIComponent(fileName(result)) + "&value=" +
          encodeURIComponent(result.yaml);
        if (full.length <= data.max_url) {
          host.href = full;
          host.textContent = "Propose it on GitHub";
          help.textContent = "GitHub opens with the file filled in: choose “Commit changes”, then “Propose changes”. " +
            "It makes a copy of the handbook for you and a pull request the maintainers review. Without an account, " +
            "GitHub asks you to make one (it is free).";
        } else {
          host.href = data.host.new + folder + "?filename=" + encodeURIComponent(fileName(result));
          host.textContent = "Copy it and open GitHub";
          help.textContent = "";
          long.hidden = false;
          long.textContent = "Your " + what + " is too long to hand to GitHub in a link (" + full.length.toLocaleString("en") +
            " characters; GitHub takes about " + data.max_url.toLocaleString("en") + "). This button copies the text and opens " +
            "GitHub's new file page with the name filled in: paste the text there. Or download the file, or e-mail it.";
        }
      }
    }
    var mail = root.querySelector("[data-hb-mail]");
    mail.hidden = !data.organisers_email;
    if (data.organisers_email) {
      var subject = (editing ? "A change to " : "A new " + what + ": ") + (result.values.title || result.values.name);
      var body = "Hello,\n\nPlease add this file to the handbook as " + result.path + ":\n\n" + result.yaml;
      var mailto = "mailto:" + data.organisers_email + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
      // Mail programs cut long mailto: links: past this, the message says to attach the file.
      if (mailto.length > 1800) {
        mailto = "mailto:" + data.organisers_email + "?subject=" + encodeURIComponent(subject) + "&body=" +
          encodeURIComponent("Hello,\n\nThe file " + fileName(result) + " is attached: please add it to the handbook as " + result.path + ".\n");
        mail.textContent = "E-mail the organisers (attach the downloaded file)";
      } else {
        mail.textContent = "E-mail it to the organisers";
      }
      mail.href = mailto;
    }
  }

  function copyText(text) {
    var note = root.querySelector("[data-hb-copied]");
    function done(ok) {
      note.textContent = ok ? "Copied. Paste it where you send it." : "Select the text of the file below and copy it.";
      if (!ok) {
        root.querySelector("[data-hb-file-box]").open = true;
        var range = document.createRange();
        range.selectNodeContents(root.querySelector("[data-hb-yaml]"));
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    }
    done(false);
    return Promise.resolve();
  }

  function download(result) {
    var blob = new Blob([result.yaml], { type: "application/yaml" });
    var link = el("a", { href: URL.createObjectURL(blob), download: fileName(result) });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // -- updating -------------------------------------------------------------------------------

  function update() {
    if (!data) {
      return;
    }
    refreshLabels();
    current = build();
    showProblems(current);
    preview(current);
    handover(current);
  }

  function refreshLabels() {
    var start = value("p-date"), allDay = byId("p-allday").checked;
    root.querySelectorAll("[data-hb-timed]").forEach(function (node) { node.hidden = allDay; });
    root.querySelector("[data-hb-date-label]").textContent = value("p-repeat") ? "First date" : allDay ? "Date (first day)" : "Date";
    root.querySelector("[data-hb-end-date-label]").textContent = allDay ? "Last day, for several days" : "Ends on another day?";
    var repeat = byId("p-repeat");
    var choice = repeat.value;
    root.querySelector("[data-hb-repeating]").hidden = !choice;
    root.querySelector("[data-hb-weekly]").hidden = !/^week/.test(choice);
    var keep = choice === "keep";
    root.querySelectorAll("[data-hb-repeating] > fieldset:not([data-hb-weekly])").forEach(function (node) { node.hidden = keep; });
    var ends = checked("p-ends");
    root.querySelectorAll("[data-hb-ends]").forEach(function (node) { node.hidden = node.getAttribute("data-hb-ends") !== ends; });
    if (isDay(start)) {
      var wd = weekday(start), p = parts(start), name = DAY_NAMES[wd];
      var lastWeek = p.d + 7 > daysInMonth(p.y, p.m);
      var labels = { week: "Every week on " + name, week2: "Every two weeks on " + name,
        "month-nth": "Every month on the " + ORDINALS[Math.ceil(p.d / 7) - 1] + " " + name,
        "month-last": "Every month on the last " + name, "month-day": "Every month on day " + p.d,
        day: "Every day", year: "Every year on " + p.d + " " + MONTHS[p.m - 1] };
      Array.prototype.forEach.call(repeat.options, function (option) {
        if (labels[option.value]) {
          option.textContent = labels[option.value];
        }
      });
      repeat.querySelector("option[value='month-last']").hidden = !lastWeek;
      repeat.querySelector("option[value='month-nth']").hidden = p.d > 28;
      if (weekdaysFollow) {
        root.querySelectorAll("input[name='p-weekday']").forEach(function (input) { input.checked = +input.value === wd; });
      }
    }
    var group = groupBySlug(value("p-group"));
    root.querySelector("[data-hb-who-default]").textContent = group
      ? "As the group says (" + (group.open_to_newcomers ? "newcomers welcome" : "members only") + ")" : "As the group says";
    root.querySelector("[data-hb-crew-only]").hidden = checked("g-kind") !== "crew";
    var list = root.querySelector("[data-hb-excepts]");
    list.textContent = "";
    excepts.slice().sort().forEach(function (day) {
      var remove = el("button", { type: "button", class: "hb-excepts__remove", "data-hb-remove-except": day,
        "aria-label": "Remove " + longDate(day), text: "Remove" });
      list.appendChild(el("li", {}, [el("span", { text: longDate(day) }), " ", remove]));
    });
  }

  function touch(id) {
    if (id) {
      touched[id] = true;
    }
  }

  function touchAll() {
    root.querySelectorAll(".hb-error").forEach(function (box) { touch(box.id.replace(/-error$/, "")); });
  }

  function controlId(target) {
    if (target.name === "p-weekday") {
      return "p-weekdays";
    }
    if (target.name === "p-pattern") {
      return "p-patterns";
    }
    if (target.name === "p-ends") {
      return "p-until";
    }
    return target.id;
  }

  function onInput(event) {
    var target = event.target;
    engaged = true;
    if (target.name === "what") {
      switchKind(target.value);
      return;
    }
    if (target.id === "p-title" && slugFollows.event && !editing) {
      byId("p-slug").value = slugify(target.value);
    } else if (target.id === "g-name" && slugFollows.group) {
      byId("g-slug").value = slugify(target.value);
    } else if (target.id === "p-slug") {
      slugFollows.event = false;
    } else if (target.id === "g-slug") {
      slugFollows.group = false;
    } else if (target.id === "p-timezone") {
      zoneFollows = false;
    } else if (target.name === "p-weekday") {
      weekdaysFollow = false;
    } else if (target.id === "p-group" && zoneFollows) {
      var group = groupBySlug(target.value);
      byId("p-timezone").value = group ? group.timezone : "";
    } else if (target.id === "p-start-time" && event.type === "change" && target.value && !value("p-end-time")) {
      byId("p-end-time").value = clock((minutes(target.value) + 120) % 1440); // two hours, as `handbook new`
    }
    if (event.type === "change") {
      touch(controlId(target));
    }
    update();
  }

  function switchKind(which) {
    kind = which;
    if (which === "group") {
      presetGroupZone();
    }
    root.querySelectorAll("[data-hb-kind]").forEach(function (node) { node.hidden = node.getAttribute("data-hb-kind") !== which; });
    update();
  }

  function addExcept() {
    var day = value("p-except");
    touch("p-except");
    if (isDay(day) && excepts.indexOf(day) < 0) {
      excepts.push(day);
      byId("p-except").value = "";
    }
    update();
  }

  function onClick(event) {
    var target = event.target.closest ? event.target.closest("button, a") : null;
    if (!target || !root.contains(target)) {
      return;
    }
    if (target.hasAttribute("data-hb-add-except")) {
      addExcept();
    } else if (target.hasAttribute("data-hb-remove-except")) {
      var day = target.getAttribute("data-hb-remove-except");
      excepts = excepts.filter(function (d) { return d !== day; });
      update();
      byId("p-except").focus();
    } else if (target.hasAttribute("data-hb-goto")) {
      event.preventDefault();
      touchAll();
      update();
      var control = byId(target.getAttribute("data-hb-goto"));
      var focusable = control && (control.matches("input, select, textarea") ? control : control.querySelector("input, select"));
      if (!focusable) {
        focusable = root.querySelector("[aria-describedby~='" + target.getAttribute("data-hb-goto") + "-error']") ||
          root.querySelector("#" + target.getAttribute("data-hb-goto") + "-error");
      }
      if (focusable) {
        focusable.scrollIntoView({ block: "center" });
        if (focusable.focus) {
          focusable.focus();
        }
      }
    } else if (target.hasAttribute("data-hb-copy") && current) {
      copyText(current.yaml);
    } else if (target.hasAttribute("data-hb-download") && current) {
      download(current);
    } else if (target.hasAttribute("data-hb-host") && current && (editing || target.textContent.indexOf("Copy") === 0)) {
      copyText(current.yaml); // the link opens as usual
    }
  }

  // -- start ----------------------------------------------------------------------------------

  function fillGroups() {
    var select = byId("p-group"), parent = byId("g-part-of");
    [["crew", "Crews"], ["congregation", "Congregations"], ["network", "Networks"]].forEach(function (pair) {
      var groups = data.groups.filter(function (g) { return g.kind === pair[0]; });
      if (!groups.length) {
        return;
      }
      var optgroup = el("optgroup", { label: pair[1] });
      groups.forEach(function (g) {
        optgroup.appendChild(el("option", { value: g.slug, text: g.name + (g.where ? " (" + g.where + ")" : "") }));
        if (g.kind === "congregation") {
          parent.appendChild(el("option", { value: g.slug, text: g.name }));
        }
      });
      select.appendChild(optgroup);
    });
  }

  function fillChoices() {
    var days = root.querySelector("[data-hb-weekdays]");
    DAY_NAMES.forEach(function (name, index) {
      days.appendChild(el("label", {}, [el("input", { type: "checkbox", name: "p-weekday", value: String(index) }), " " + name]));
    });
    var patterns = root.querySelector("[data-hb-patterns]");
    data.patterns.forEach(function (p) {
      patterns.appendChild(el("label", { title: p.summary }, [el("input", { type: "checkbox", name: "p-pattern", value: p.slug }),
        " " + p.title]));
    });
  }

  // The zone suggestions (some 600 options) are made when a zone field is first focused, not
  // while the page loads: a phone lays out and styles every option of a datalist in the page.
  function fillZones() {
    var zones = byId("hb-zones");
    if (zones.options.length) {
      return;
    }
    var options = document.createDocumentFragment();
    data.timezones.forEach(function (zone) { options.appendChild(el("option", { value: zone })); });
    zones.appendChild(options);
  }

  // A new group's zone starts as the reader's own. Asked for only when the group form is first
  // shown: the first Intl.DateTimeFormat of a page costs a phone tens of milliseconds.
  function presetGroupZone() {
    var field = byId("g-timezone");
    if (!field.value && !touched["g-timezone"]) {
      var own = Intl.DateTimeFormat().resolvedOptions().timeZone;
      field.value = data.timezones.indexOf(own) >= 0 ? own : "";
    }
  }

  // Fill the form with an existing gathering's values (`?edit=<slug>`).
  function fillFrom(record) {
    var v = record.values;
    editing = record;
    byId("p-title").value = v.title || "";
    byId("p-group").value = v.group || "";
    byId("p-slug").value = record.slug;
    byId("p-slug").readOnly = true;
    var start = String(v.start || "").replace("T", " ");
    var startDay = start.slice(0, 10), startTime = start.slice(11, 16);
    byId("p-date").value = startDay;
    byId("p-allday").checked = !startTime;
    byId("p-start-time").value = startTime;
    var end = v.end ? String(v.end).replace("T", " ") : "";
    if (!end && v.duration && startTime) {
      var m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(String(v.duration));
      var total = dayNumber(startDay) * 1440 + minutes(startTime) + (m ? (+(m[1] || 0) * 1440 + +(m[2] || 0) * 60 + +(m[3] || 0)) : 120);
      end = fromDayNumber(Math.floor(total / 1440)) + " " + clock(total % 1440);
    }
    editing.end = end;
    byId("p-end-time").value = end.slice(11, 16);
    byId("p-end-date").value = end && end.slice(0, 10) !== startDay ? end.slice(0, 10) : "";
    var group = groupBySlug(v.group);
    byId("p-timezone").value = v.timezone || (group ? group.timezone : "");
    zoneFollows = !v.timezone;
    byId("p-status").value = v.status || "confirmed";
    fillRepeat(v.repeat, startDay);
    var location = v.location || {};
    byId("p-place").value = location.name || "";
    byId("p-address").value = location.address || "";
    byId("p-online").value = v.online || "";
    var tags = [].concat(v.tags || []).map(String);
    var who = typeof v.open_to_newcomers === "boolean" ? String(v.open_to_newcomers) : "";
    root.querySelector("input[name='p-who'][value='" + who + "']").checked = true;
    byId("p-tags").value = tags.join(", ");
    [].concat(v.patterns || []).forEach(function (slug) {
      var box = root.querySelector("input[name='p-pattern'][value='" + slug + "']");
      if (box) {
        box.checked = true;
      }
    });
    var organizer = v.organizer || {};
    byId("p-org-name").value = organizer.name || "";
    byId("p-org-email").value = organizer.email || "";
    byId("p-description").value = (v.description || "").replace(/\s+$/, "");
    var note = root.querySelector("[data-hb-editing]");
    note.hidden = false;
    var changed = v.repeat && v.repeat.changes ? [].concat(v.repeat.changes).length : 0;
    note.textContent = "You are suggesting a change to “" + (v.title || record.slug) + "” (" + record.path + "). " +
      "Change what is different; the rest stays as it is" +
      (changed ? ", including the " + (changed === 1 ? "date that differs" : changed + " dates that differ") +
        " from the others (the file lists them under “changes”)." : ".");
    root.querySelector("fieldset.hb-switch").hidden = true;
  }

  function fillRepeat(repeat, startDay) {
    var select = byId("p-repeat");
    if (!repeat) {
      select.value = "";
      return;
    }
    excepts = [].concat(repeat.except || []).map(String);
    var on = [].concat(repeat.on === undefined ? [] : repeat.on).map(function (x) { return String(x).toLowerCase().trim(); });
    var interval = repeat.interval || 1, choice = "keep";
    var p = parts(startDay), wd = weekday(startDay);
    if (!repeat.rrule && !/T| \d/.test(String(repeat.until || ""))) {
      if (repeat.every === "week" && interval <= 2) {
        var days = on.length ? on.map(function (w) { return WEEKDAYS.indexOf(w); }) : [wd];
        if (days.indexOf(-1) < 0) {
          choice = interval === 2 ? "week2" : "week";
          weekdaysFollow = false;
          root.querySelectorAll("input[name='p-weekday']").forEach(function (input) {
            input.checked = days.indexOf(+input.value) >= 0;
          });
        }
      } else if (repeat.every === "month" && interval === 1 && on.length <= 1) {
        var word = on[0] || String(p.d);
        if (word === String(p.d)) {
          choice = "month-day";
        } else if (word === ORDINALS[Math.ceil(p.d / 7) - 1] + " " + WEEKDAYS[wd]) {
          choice = "month-nth";
        } else if (word === "last " + WEEKDAYS[wd] && p.d + 7 > daysInMonth(p.y, p.m)) {
          choice = "month-last";
        }
      } else if ((repeat.every === "day" || repeat.every === "year") && interval === 1 && !on.length) {
        choice = repeat.every;
      }
    }
    if (choice === "keep") {
      select.querySelector("option[value='keep']").hidden = false;
    }
    select.value = choice;
    if (repeat.until) {
      root.querySelector("input[name='p-ends'][value='until']").checked = true;
      byId("p-until").value = String(repeat.until).slice(0, 10);
    } else if (repeat.count) {
      root.querySelector("input[name='p-ends'][value='count']").checked = true;
      byId("p-count").value = String(repeat.count);
    }
  }

  function status(text) {
    var box = root.querySelector("[data-hb-status]");
    box.hidden = !text;
    box.textContent = text || "";
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response.json();
    });
  }

  // A promise of the next task: start-up is cut into tasks short enough that a phone stays
  // responsive between them (a task over 50 ms is one a reader can feel, and one Lighthouse counts).
  function nextTask() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  // The first preview of an empty form is built when the reader starts on the form (see `start`)
  // or scrolls to within a screen of the preview, whichever comes first, not while the page
  // loads: it is the largest piece of the form's start-up, for a box no reader sees at load (the
  // form above it is taller than any screen).
  function updateWhenInSight() {
    var box = root.querySelector("[data-hb-preview-box]");
    if (!("IntersectionObserver" in window)) {
      update();
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        if (current === null) {
          update();
        }
      }
    }, { rootMargin: "0px 0px 100% 0px" });
    observer.observe(box);
  }

  function start() {
    var dataUrl = new URL(root.getAttribute("data-data"), document.baseURI);
    var siteRoot = new URL("../", dataUrl);
    var params = new URLSearchParams(window.location.search);
    var editSlug = params.get("edit");
    getJSON(dataUrl.href).then(function (loaded) {
      data = loaded;
      return Promise.all(["event", "group"].map(function (which) {
        return getJSON(new URL(data.schemas[which], siteRoot).href).then(function (schema) {
          schemas[which] = schema;
        });
      }));
    }).then(nextTask).then(function () {
      fillGroups();
      return nextTask();
    }).then(function () {
      fillChoices();
      return nextTask();
    }).then(function () {
      if (editSlug && SLUG_RE.test(editSlug)) {
        return getJSON(new URL("schemas/events/" + editSlug + ".json", siteRoot).href).then(fillFrom, function () {
          status("There is no gathering “" + editSlug + "” to change: the form below proposes a new one.");
          return "missing";
        });
      }
      return null;
    }).then(function (outcome) {
      if (outcome !== "missing") {
        status("");
      }
      var group = params.get("group");
      if (!editing && group && groupBySlug(group)) {
        byId("p-group").value = group;
        byId("p-timezone").value = groupBySlug(group).timezone;
      }
      engaged = !!editing;
      root.addEventListener("focusin", function (event) {
        if (event.target.getAttribute("list") === "hb-zones") {
          fillZones();
        }
        if (!engaged) {
          engaged = true;
          update();
        }
      });
      root.addEventListener("input", onInput);
      root.addEventListener("change", onInput);
      root.addEventListener("click", onClick);
      byId("p-except").addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          addExcept();
        }
      });
      root.querySelector("[data-hb-form]").addEventListener("submit", function (event) { event.preventDefault(); });
      if (params.get("kind") === "group" && !editing) {
        root.querySelector("input[name='what'][value='group']").checked = true;
        switchKind("group");
      } else if (editing) {
        update();
      } else {
        updateWhenInSight();
      }
      root.setAttribute("data-hb-ready", "");
    }).catch(function (error) {
      status("The form could not load (" + error.message + "). The guides say how to write the file by hand.");
    });
  }

  start();
})();
