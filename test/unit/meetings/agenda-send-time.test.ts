import { describe, expect, it } from "vitest";
import { agendaSendTime } from "../../../src/meetings/meeting-reminders.ts";
import type { MeetingGroup } from "../../../src/meetings/meeting-group.repository.ts";

const group = (agendaSendDaysBefore: number) => ({ timeZone: "Europe/Stockholm", meetings: { agendaSendDaysBefore } }) as unknown as MeetingGroup;
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
