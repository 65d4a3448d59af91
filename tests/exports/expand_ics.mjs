// Expands iCalendar files with ical.js, as Thunderbird would, for
// tests/exports/test_reminders_parsers.py. Reads JSON on stdin:
//   {"until": "2028-01-01T00:00:00", "files": [{"ics": "...",
//     "probes": [{"tzid": "Europe/London", "local": "2040-07-02T08:00:00"}]}]}
// and writes, for each file, {"events": {uid: [unix seconds of each start]}, "probes":
// [unix seconds of each local time in its zone]}. Each file's own VTIMEZONEs are the only
// zone data used: nothing comes from the system. "until" is in UTC.
import ICAL from "./vendor/ical.min.mjs";

const input = JSON.parse(await new Promise((done) => {
  let text = "";
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => done(text));
}));
const until = ICAL.Time.fromDateTimeString(input.until);
until.zone = ICAL.Timezone.utcTimezone;

function expand(file) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(file.ics));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const events = {};
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const starts = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(until) < 0; next = iterator.next()) {
      starts.push(next.toUnixTime());
      if (starts.length > 5000) break;
    }
    events[event.uid] = starts;
  }
  const probes = (file.probes || []).map(({ tzid, local }) => {
    const time = ICAL.Time.fromDateTimeString(local);
    time.zone = ICAL.TimezoneService.get(tzid);
    return time.toUnixTime();
  });
  return { events, probes };
}

process.stdout.write(JSON.stringify(input.files.map(expand)));
