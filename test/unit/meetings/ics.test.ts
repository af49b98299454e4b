import fc from "fast-check";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { foldLine, renderIcs, type CalendarEvent } from "../../../src/meetings/ics.ts";

const base: CalendarEvent = {
  uid: "meeting-5c1e7d1a@samverka",
  sequence: 0,
  method: "REQUEST",
  startsAt: new Date("2026-12-08T12:00:00Z"),
  endsAt: new Date("2026-12-08T14:00:00Z"),
  timeZone: "Europe/Stockholm",
  summary: "Styrgrupp, Utsatta EU-medborgare",
  description: "Dagordning: uppföljning; extra kalla nätter, incidenter\nVälkomna!",
  location: "Socialförvaltningen, Swedenborgsgatan 20",
  organizer: { name: "Styrgrupp: EU-medborgare", email: "noreply@samverka.invalid" },
  attendees: [
    { name: "Karin Lindqvist", email: "karin.lindqvist@stockholm.se", role: "CHAIR" },
    { name: "Ali Haddad, Convictus", email: "convictus-samordnare@stockholm-eu.samverka.invalid", role: "REQ-PARTICIPANT" },
  ],
  rsvp: false,
  stamp: new Date("2026-11-22T08:00:00Z"),
};

function parse(ics: string): { calendar: ICAL.Component; event: ICAL.Event } {
  // Only the file's own VTIMEZONE may resolve its times (ical.js keeps registered zones globally).
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const tz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  // Parse again so the event's times resolve against the registered zone, as a calendar client would.
  const reparsed = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return { calendar: reparsed, event: new ICAL.Event(reparsed.getFirstSubcomponent("vevent")!) };
}

// The instant a calendar client reads for a wall-clock time in `zone`, from the runtime's own zone data.
function expectedInstant(local: string, zone: string): string {
  return DateTime.fromISO(local, { zone }).toUTC().toISO()!;
}

describe("meeting calendar files", () => {
  it("invite every member as an ATTENDEE by their e-mail, the chair as CHAIR, in REQUEST and CANCEL alike", () => {
    for (const method of ["REQUEST", "CANCEL"] as const) {
      const { calendar, event } = parse(renderIcs({ ...base, method }));
      expect(calendar.getFirstPropertyValue("method")).toBe(method);
      const attendees = event.attendees.map((a) => ({
        cn: a.getParameter("cn"),
        role: a.getParameter("role"),
        rsvp: a.getParameter("rsvp"),
        partstat: a.getParameter("partstat"),
        value: a.getFirstValue(),
      }));
      expect(attendees).toEqual([
        { cn: "Karin Lindqvist", role: "CHAIR", rsvp: "FALSE", partstat: "NEEDS-ACTION", value: "mailto:karin.lindqvist@stockholm.se" },
        {
          cn: "Ali Haddad, Convictus",
          role: "REQ-PARTICIPANT",
          rsvp: "FALSE",
          partstat: "NEEDS-ACTION",
          value: "mailto:convictus-samordnare@stockholm-eu.samverka.invalid",
        },
      ]);
      expect(event.organizer).toBe("mailto:noreply@samverka.invalid");
    }
    expect(parse(renderIcs({ ...base, rsvp: true })).event.attendees[0]!.getParameter("rsvp")).toBe("TRUE");
  });

  it("writes the same Stockholm VTIMEZONE as the EU rules: CET/CEST, last Sunday of March and October", () => {
    const ics = renderIcs(base);
    const zone = ics.slice(ics.indexOf("BEGIN:VTIMEZONE"), ics.indexOf("END:VTIMEZONE"));
    expect(zone.split("\r\n")).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Europe/Stockholm",
      "X-LIC-LOCATION:Europe/Stockholm",
      "BEGIN:DAYLIGHT",
      "TZOFFSETFROM:+0100",
      "TZOFFSETTO:+0200",
      "TZNAME:CEST",
      "DTSTART:19700329T020000",
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0100",
      "TZNAME:CET",
      "DTSTART:19701025T030000",
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
      "END:STANDARD",
      "",
    ]);
  });

  it("carries a VTIMEZONE for any partnership's zone, so a client reads the same instant on either side of its switches", () => {
    const zones = [
      "Europe/Stockholm",
      "Europe/London",
      "Europe/Helsinki",
      "America/New_York",
      "America/Sao_Paulo",
      "Australia/Sydney",
      "Asia/Tokyo",
      "Asia/Kolkata",
      "Pacific/Auckland",
    ];
    const localTimes = fc.record({
      date: fc
        .date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      time: fc.constantFrom("01:30", "03:30", "08:30", "13:00", "17:45"),
      zone: fc.constantFrom(...zones),
    });
    fc.assert(
      fc.property(localTimes, ({ date, time, zone }) => {
        const startsAt = DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
        const ics = renderIcs({ ...base, timeZone: zone, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000) });
        expect(ics).toContain(`BEGIN:VTIMEZONE\r\nTZID:${zone}\r\n`);
        expect(ics).toContain(`DTSTART;TZID=${zone}:${date.replace(/-/g, "")}T${time.replace(":", "")}00`);
        const { event } = parse(ics);
        expect(event.startDate.zone.tzid).toBe(zone);
        expect(DateTime.fromJSDate(event.startDate.toJSDate()).toUTC().toISO()).toBe(expectedInstant(`${date}T${time}`, zone));
      }),
      { numRuns: 200 },
    );
    // Right after each switch of 2027, where a wrong DTSTART time in a rule would show.
    for (const zone of zones) {
      for (let at = Date.parse("2027-01-01T00:00:00Z"); at < Date.parse("2028-01-01T00:00:00Z"); at += 3_600_000) {
        if (DateTime.fromMillis(at, { zone }).offset === DateTime.fromMillis(at + 3_600_000, { zone }).offset) continue;
        for (const after of [3_600_000 + 1_800_000, 3_600_000 * 2]) {
          const startsAt = new Date(at + after);
          const { event } = parse(renderIcs({ ...base, timeZone: zone, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) }));
          expect(event.startDate.toJSDate().toISOString(), `${zone} ${startsAt.toISOString()}`).toBe(startsAt.toISOString());
        }
      }
    }
  });

  it("parse with ical.js into the meeting's instant, summary and escaped text", () => {
    const { calendar, event } = parse(renderIcs(base));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe(base.summary);
    expect(event.description).toBe(base.description);
    expect(event.location).toBe(base.location);
    expect(event.startDate.zone.tzid).toBe("Europe/Stockholm");
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-12-08T12:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-12-08T14:00:00.000Z");
    expect(event.organizer).toBe("mailto:noreply@samverka.invalid");
  });

  it("keeps 13.00 local time on both sides of the daylight-saving switches", () => {
    for (const [utc, local] of [
      ["2026-03-24T12:00:00Z", "20260324T130000"],
      ["2026-03-31T11:00:00Z", "20260331T130000"],
      ["2026-10-20T11:00:00Z", "20261020T130000"],
      ["2026-10-27T12:00:00Z", "20261027T130000"],
    ] as const) {
      const ics = renderIcs({ ...base, startsAt: new Date(utc), endsAt: new Date(Date.parse(utc) + 7_200_000) });
      expect(ics).toContain(`DTSTART;TZID=Europe/Stockholm:${local}`);
      expect(parse(ics).event.startDate.toJSDate().toISOString()).toBe(new Date(utc).toISOString());
    }
  });

  it("keeps the UID, raises SEQUENCE on a move and marks a cancellation with METHOD:CANCEL", () => {
    const first = parse(renderIcs(base)).event;
    const moved = parse(renderIcs({ ...base, sequence: 1, startsAt: new Date("2026-12-15T12:00:00Z"), endsAt: new Date("2026-12-15T14:00:00Z") })).event;
    const cancelled = parse(renderIcs({ ...base, sequence: 2, method: "CANCEL" }));
    expect(moved.uid).toBe(first.uid);
    expect(moved.sequence).toBeGreaterThan(first.sequence);
    expect(cancelled.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancelled.event.uid).toBe(first.uid);
    expect(cancelled.event.sequence).toBeGreaterThan(moved.sequence);
    expect(cancelled.event.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("ends every line with CRLF and folds long lines at 75 octets without splitting å, ä or ö", () => {
    const ics = renderIcs({ ...base, description: "Åtgärdspunkter för föreståndargruppen: ".repeat(8) });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(parse(ics).event.description).toBe("Åtgärdspunkter för föreståndargruppen: ".repeat(8));
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });
});
