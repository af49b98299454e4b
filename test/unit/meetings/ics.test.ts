import ICAL from "ical.js";
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
  stamp: new Date("2026-11-22T08:00:00Z"),
};

function parse(ics: string): { calendar: ICAL.Component; event: ICAL.Event } {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const tz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  // Parse again so the event's times resolve against the registered zone, as a calendar client would.
  const reparsed = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return { calendar: reparsed, event: new ICAL.Event(reparsed.getFirstSubcomponent("vevent")!) };
}

describe("meeting calendar files", () => {
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
