// Expands iCalendar files with ical.js 2 (the parser of Thunderbird), for the feed tests.
//
// One request a line on stdin, as JSON: {"ics": "...", "start": ISO, "end": ISO}; one answer a
// line on stdout: {"occurrences": [[uid, start, end, status, summary], ...]} or {"error": "..."}.
// Timed values are UTC ("2026-11-26T12:00:00Z"), all-day values dates ("2026-11-26"). Each
// calendar's VTIMEZONEs are registered before it is read and dropped after, as Thunderbird reads
// a subscribed feed with the zones it carries.
import readline from "node:readline";
import ICAL from "ical.js";

function stamp(time) {
  if (time.isDate) return time.toString().slice(0, 10);
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function expand(text, start, end) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents("vtimezone").map((vtz) => new ICAL.Timezone(vtz));
  zones.forEach((zone) => ICAL.TimezoneService.register(zone));
  try {
    const byUid = new Map();
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      const uid = vevent.getFirstPropertyValue("uid");
      if (!byUid.has(uid)) byUid.set(uid, { master: null, exceptions: [] });
      const entry = byUid.get(uid);
      if (vevent.hasProperty("recurrence-id")) entry.exceptions.push(vevent);
      else entry.master = vevent;
    }
    const from = ICAL.Time.fromJSDate(new Date(start), true);
    const to = ICAL.Time.fromJSDate(new Date(end), true);
    const found = [];
    const keep = (uid, details) => {
      const item = details.item.component;
      const a = details.startDate, b = details.endDate;
      if (b.compare(from) <= 0 || a.compare(to) >= 0) return;
      found.push([uid, stamp(a), stamp(b), String(item.getFirstPropertyValue("status") || "").toLowerCase(),
                  String(item.getFirstPropertyValue("summary") || "")]);
    };
    for (const [uid, { master, exceptions }] of byUid) {
      if (master === null) throw new Error(`${uid}: an override without its series`);
      // Its own overrides only: left to itself, ICAL.Event takes every override in the
      // calendar, whatever its UID (Thunderbird groups them by UID first, as here).
      const event = new ICAL.Event(master, { exceptions, strictExceptions: true });
      if (!event.isRecurring()) {
        keep(uid, { item: event, startDate: event.startDate, endDate: event.endDate });
        continue;
      }
      const iterator = event.iterator();
      for (let next = iterator.next(), guard = 0; next && guard < 100000; next = iterator.next(), guard++) {
        const details = event.getOccurrenceDetails(next);
        if (details.startDate.compare(to) >= 0 && next.compare(to) >= 0) break;
        keep(uid, details);
      }
    }
    return found;
  } finally {
    zones.forEach((zone) => ICAL.TimezoneService.remove(zone.tzid));
  }
}

// For a VTIMEZONE alone: the local wall time of each UTC instant (seconds), and the instant
// of each local wall time ("YYYY-MM-DDTHH:MM:SS"), as this parser reads the zone.
function zoneTimes(text, instants, walls) {
  const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(text)));
  const wallOf = (seconds) => {
    const local = ICAL.Time.fromJSDate(new Date(seconds * 1000), true).convertToZone(zone);
    return local.toString().slice(0, 19);
  };
  const instantOf = (wall) => {
    const [day, clock] = wall.split("T");
    const [year, month, date] = day.split("-").map(Number);
    const [hour, minute, second] = clock.split(":").map(Number);
    return ICAL.Time.fromData({ year, month, day: date, hour, minute, second }, zone).toUnixTime();
  };
  return { walls: instants.map(wallOf), instants: walls.map(instantOf) };
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = request.vtimezone !== undefined
      ? zoneTimes(request.vtimezone, request.instants, request.walls)
      : { occurrences: expand(request.ics, request.start, request.end) };
  } catch (error) {
    answer = { error: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
