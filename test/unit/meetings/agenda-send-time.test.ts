import { describe, expect, it } from "vitest";
import { agendaRequestTime, agendaSendTime, invitationTime } from "../../../src/meetings/reminder-times.ts";
import type { MeetingGroup } from "../../../src/meetings/meeting-group.repository.ts";

const group = (agendaSendDaysBefore: number, agendaRequestDaysBefore = 10) =>
  ({ timeZone: "Europe/Stockholm", meetings: { agendaSendDaysBefore, agendaRequestDaysBefore } }) as unknown as MeetingGroup;
const sendAt = (startsAt: string, days: number) => agendaSendTime({ startsAt: new Date(startsAt) }, group(days)).toISOString();

describe("when a meeting's agenda goes out", () => {
  it("goes out the set number of days before, at 09.00, when that is a working day", () => {
    // Thursday 2026-12-10 10.00 CET, two days before: Tuesday.
    expect(sendAt("2026-12-10T09:00:00Z", 2)).toBe("2026-12-08T08:00:00.000Z");
  });

  it("moves back to the working day before a weekend", () => {
    // Tuesday 2026-12-08, three days before is Saturday: Friday instead.
    expect(sendAt("2026-12-08T12:00:00Z", 3)).toBe("2026-12-04T08:00:00.000Z");
  });

  it("moves back past public holidays and de facto days off", () => {
    // Tuesday 2026-12-29, three days before is annandag jul (Saturday), then juldagen and julafton: Wednesday the 23rd.
    expect(sendAt("2026-12-29T12:00:00Z", 3)).toBe("2026-12-23T08:00:00.000Z");
  });

  it("keeps 09.00 local time across the switch to summer time", () => {
    // Tuesday 2027-03-30 (CEST, after Easter), three days before is Saturday 27 March; Friday 26 March is
    // långfredagen: Thursday 25 March 09.00 CET.
    expect(sendAt("2027-03-30T11:00:00Z", 3)).toBe("2027-03-25T08:00:00.000Z");
  });
});

describe("when members are asked for agenda items", () => {
  const askAt = (startsAt: string, request: number, send: number) => agendaRequestTime({ startsAt: new Date(startsAt) }, group(send, request)).toISOString();

  it("asks the set number of days before, at 09.00, when that is a working day", () => {
    // Thursday 2026-12-10, seven days before: Thursday 3 December.
    expect(askAt("2026-12-10T09:00:00Z", 7, 2)).toBe("2026-12-03T08:00:00.000Z");
  });

  it("moves back to the working day before a weekend, as the agenda does", () => {
    // The styrgrupp's Tuesday 13 October meeting (13.00 CEST), ten days before is Saturday 3 October: Friday 2 October.
    expect(askAt("2026-10-13T11:00:00Z", 10, 3)).toBe("2026-10-02T07:00:00.000Z");
  });

  it("goes out the working day before the agenda when both moves land on the same day", () => {
    // Tuesday 2026-12-08: asked 4 days before is Friday 4 December, the agenda 3 days before (Saturday) moves to that
    // Friday too; the request goes on Thursday 3 December, a working day before the agenda.
    expect(askAt("2026-12-08T12:00:00Z", 4, 3)).toBe("2026-12-03T08:00:00.000Z");
    expect(sendAt("2026-12-08T12:00:00Z", 3)).toBe("2026-12-04T08:00:00.000Z");
  });

  it("stays before the agenda across Christmas", () => {
    // Tuesday 2026-12-29: the agenda goes Wednesday the 23rd (past annandag jul, juldagen, julafton); asked 4 days before
    // is juldagen, back past julafton to the 23rd too, so the request goes Tuesday the 22nd.
    expect(askAt("2026-12-29T12:00:00Z", 4, 3)).toBe("2026-12-22T08:00:00.000Z");
  });
});

describe("when the invitation goes out", () => {
  const inviteAt = (startsAt: string, days: number) =>
    invitationTime({ startsAt: new Date(startsAt) }, {
      timeZone: "Europe/Stockholm",
      meetings: { inviteDaysBefore: days },
    } as unknown as MeetingGroup).toISOString();

  it("goes out the set number of days before, at 09.00, when that is a working day", () => {
    // Thursday 2027-01-21, fourteen days before: Thursday 7 January.
    expect(inviteAt("2027-01-21T09:00:00Z", 14)).toBe("2027-01-07T08:00:00.000Z");
  });

  it("moves back to the working day before a weekend or a holiday", () => {
    // Monday 2027-01-18, twelve days before is Wednesday 6 January (trettondedag jul): Tuesday 5 January.
    expect(inviteAt("2027-01-18T09:00:00Z", 12)).toBe("2027-01-05T08:00:00.000Z");
    // Monday 2026-12-21, fourteen days before is Monday 7 December; sixteen is Saturday 5 December: Friday the 4th.
    expect(inviteAt("2026-12-21T09:00:00Z", 16)).toBe("2026-12-04T08:00:00.000Z");
  });
});
