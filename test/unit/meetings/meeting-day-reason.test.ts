import { describe, expect, it } from "vitest";
import { planCadence } from "../../../src/meetings/cadence-plan.ts";
import type { Meeting } from "../../../src/meetings/meeting.repository.ts";
import type { MeetingGroup } from "../../../src/meetings/meeting-group.repository.ts";
import { whyThisDay } from "../../../src/meetings/meeting-day-reason.ts";
import { translatorFor } from "../../../src/meetings/meeting.views.ts";

const ZONE = "Europe/Stockholm";
// The Stockholm example's samverkansgrupp: the first Thursday of every month, no meetings in July unless the cadence needs one.
const group: MeetingGroup = {
  id: "g",
  partnershipId: "p",
  key: "samverkansgrupp",
  kind: "samverkansgrupp",
  name: "Samverkansgrupp",
  cadence: { kind: "months", months: 1 },
  meetings: {
    pattern: { weekday: "thursday", week: 1, time: "10:00", durationMinutes: 90 },
    terms: [{ from: "01-15", to: "06-10" }],
    blackouts: [{ from: "07-01", to: "07-31", label: "Sommaruppehåll" }],
    inviteDaysBefore: 10,
    agendaRequestDaysBefore: 7,
    agendaSendDaysBefore: 2,
  },
  timeZone: ZONE,
  partnershipName: "IOP",
  locale: "sv",
  periodEnd: "2030-12-31",
};

function meetingAt(startsAt: Date, more: Partial<Meeting> = {}): Meeting {
  return {
    id: "m",
    partnershipId: "p",
    groupId: "g",
    status: "planned",
    startsAt,
    endsAt: new Date(startsAt.getTime() + 90 * 60_000),
    plannedStartsAt: startsAt,
    sequence: 0,
    invitedAt: null,
    agendaSentAt: null,
    minutesAt: null,
    origin: "plan",
    location: null,
    reason: null,
    ...more,
  };
}

const t = translatorFor({ locale: "sv", timeZone: ZONE });

describe("why a meeting is not on its group's usual day", () => {
  it("names the reason for each of the planner's odd days, and says nothing for a usual one", () => {
    const plan = planCadence({ settings: group.meetings, cadence: group.cadence, timeZone: ZONE, from: "2027-04-01", until: "2027-08-31" });
    const lines = plan.meetings.map((m) => [m.date, whyThisDay(t, group, meetingAt(m.startsAt))]);
    expect(lines).toEqual([
      ["2027-04-01", undefined],
      // 6 May 2027 is Kristi himmelsfärdsdag: the meeting is on the Friday.
      ["2027-05-07", "Inte den vanliga dagen: torsdag 2027-05-06 är Kristi himmelsfärdsdag."],
      ["2027-06-03", undefined],
      ["2027-07-01", "Ligger i Sommaruppehåll eftersom det annars blir för lång tid utan möte."],
      ["2027-08-05", undefined],
    ]);
  });

  it("says a moved meeting was moved and from when, and how an extra or polled meeting came about", () => {
    const usual = new Date("2027-04-01T08:00:00Z");
    expect(whyThisDay(t, group, meetingAt(new Date("2027-04-02T08:00:00Z"), { status: "moved", plannedStartsAt: usual }))).toBe(
      "Flyttat från torsdag 2027-04-01 kl. 10.00.",
    );
    expect(whyThisDay(t, group, meetingAt(new Date("2027-04-13T12:00:00Z"), { origin: "extra", reason: "Vinterns extra platser" }))).toBe(
      "Extra möte: Vinterns extra platser",
    );
    expect(whyThisDay(t, group, meetingAt(new Date("2027-04-13T12:00:00Z"), { origin: "poll" }))).toBe("Tiden valdes i en datumomröstning.");
  });
});
