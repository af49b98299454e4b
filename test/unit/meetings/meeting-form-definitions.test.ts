import { describe, expect, it } from "vitest";
import { parseFormDefinition, readFormValues } from "../../../src/forms/index.ts";
import type { Meeting } from "../../../src/meetings/meeting.repository.ts";
import type { GroupSeat, MeetingGroup } from "../../../src/meetings/meeting-group.repository.ts";
import {
  agendaDefinition,
  amendDefinition,
  minutesDefinition,
  moveDefinition,
  newMeetingDefinition,
  pollDefinition,
  readWritten,
  rsvpCommentDefinition,
} from "../../../src/meetings/meeting-form-definitions.ts";
import { readMinutes } from "../../../src/meetings/record-minutes.ts";
import { translatorFor } from "../../../src/meetings/meeting.views.ts";

const BO = "00000000-0000-4000-8000-0000000000b0";
const EVA = "00000000-0000-4000-8000-0000000000e0";
const seat = (memberId: string, displayName: string): GroupSeat => ({ memberId, key: displayName, displayName, role: "member", roles: [], email: null });
const seats = [seat(BO, "Bo Ledamot"), seat(EVA, "Eva Ek")];
const item = (id: string, text: string) => ({ id, text, textEn: null, sourceKey: null, proposedBy: null, carriedOver: false });
const items = [item("00000000-0000-4000-8000-000000000001", "Budget 2027"), item("00000000-0000-4000-8000-000000000002", "Lokalfrågan")];
const meeting = { id: "m1", startsAt: new Date("2026-10-13T11:00:00Z"), status: "invited" } as Meeting;
const group = { id: "00000000-0000-4000-8000-00000000a001", name: "Styrgruppen", timeZone: "Europe/Stockholm" } as MeetingGroup;

describe("the meetings' form definitions", () => {
  it("are valid definitions the engine accepts as data", () => {
    const groups = [group, { ...group, id: "00000000-0000-4000-8000-00000000a002", name: "Arbetsgruppen" }];
    for (const definition of [
      agendaDefinition(),
      moveDefinition(),
      minutesDefinition(items, seats),
      rsvpCommentDefinition(),
      newMeetingDefinition(),
      newMeetingDefinition(groups),
      pollDefinition(),
      pollDefinition(groups),
      amendDefinition(),
    ]) {
      expect(() => parseFormDefinition(definition)).not.toThrow();
    }
  });

  it("asks which meeting an agenda item is for only when several take items, naming them in each language", () => {
    expect(agendaDefinition([{ meeting, group }]).fields.map((f) => f.id)).toEqual(["text"]);
    const other = { ...meeting, id: "m2", startsAt: new Date("2026-12-08T12:00:00Z"), status: "planned" } as Meeting;
    const [choice] = agendaDefinition(
      [
        { meeting, group },
        { meeting: other, group },
      ],
      "Europe/Stockholm",
    ).fields;
    expect(choice).toMatchObject({ id: "meeting", type: "choice" });
    const labels = choice!.type === "choice" ? choice!.choices[0]!.label : undefined;
    expect(labels?.sv).toContain("(kallat)");
    expect(labels?.en).toContain("(invited)");
  });

  it("refuses a personnummer in an agenda item by command with the same words as in the form", () => {
    const written = readWritten(agendaDefinition(), "text", "Ärende om 19811218-9876", "sv");
    const viewed = readFormValues(agendaDefinition(), { text: "Ärende om 19811218-9876" }, "sv");
    expect(written).toEqual({ ok: false, error: !viewed.ok ? viewed.errors.text : "" });
    expect(written.ok ? "" : written.error).toContain("19811218-****");
    expect(readWritten(agendaDefinition(), "text", "  Budget 2027 ", "sv")).toEqual({ ok: true, text: "Budget 2027" });
  });

  it("reads a move's time as people write it, and refuses one that is not a time on its field", () => {
    expect(readFormValues(moveDefinition(), { date: "2026-12-15", time: "9.30" }, "sv")).toEqual({ ok: true, answers: { date: "2026-12-15", time: "09.30" } });
    const bad = readFormValues(moveDefinition(), { date: "2026-12-15", time: "25:00" }, "en");
    expect(!bad.ok && bad.errors).toEqual({ time: "It must be a time of day such as 23.40." });
  });

  it("takes minutes with whole action slots only, owners from the group, and refuses a due date before the meeting", () => {
    const definition = minutesDefinition(items, seats);
    const half = readFormValues(definition, { action1: "Lokalförslag", owner1: BO, due1: "" }, "sv");
    expect(!half.ok && half.errors).toEqual({ due1: "Åtgärd 1, Ansvarig 1 och Senast 1 hör ihop: fyll i Senast 1 också, eller lämna alla tomma." });
    const stranger = readFormValues(definition, { action1: "Lokalförslag", owner1: "someone-else", due1: "2026-10-30" }, "sv");
    expect(!stranger.ok && Object.keys(stranger.errors)).toEqual(["owner1"]);
    const reading = readFormValues(
      definition,
      { decisions: "- Budgeten godkänns\n\n• Nästa möte i december", covered: [items[0]!.id], action1: "Lokalförslag", owner1: EVA, due1: "2026-10-12" },
      "sv",
    );
    expect(reading.ok).toBe(true);
    const t = translatorFor({ locale: "sv", timeZone: group.timeZone });
    expect(readMinutes(reading.answers, meeting, group, t)).toEqual({ ok: false, errors: { due1: "Datumet ligger före mötet." } });
    const onTime = readFormValues(definition, { decisions: "Budgeten godkänns", covered: [], action2: "Lokalförslag", owner2: EVA, due2: "2026-10-13" }, "sv");
    expect(readMinutes(onTime.answers, meeting, group, t)).toEqual({
      ok: true,
      minutes: { decisions: ["Budgeten godkänns"], coveredItemIds: [], actions: [{ text: "Lokalförslag", ownerMemberId: EVA, dueDate: "2026-10-13" }] },
    });
  });

  it("keeps an RSVP comment short and refuses a personnummer in it", () => {
    const long = readFormValues(rsvpCommentDefinition(), { comment: "x".repeat(201) }, "sv");
    expect(!long.ok && long.errors.comment).toBe("Texten är 201 tecken, högst 200 får plats.");
    expect(readWritten(rsvpCommentDefinition(), "comment", "Nr 811218-9876 kommer", "en")).toMatchObject({ ok: false });
  });

  it("asks which group to call a meeting of only when the member may call several", () => {
    const other = { ...group, id: "00000000-0000-4000-8000-00000000a002", name: "Arbetsgruppen" };
    expect(newMeetingDefinition([group]).fields.map((f) => f.id)).toEqual(["date", "time", "duration", "location", "reason"]);
    const [choice] = newMeetingDefinition([group, other]).fields;
    expect(choice).toMatchObject({ id: "group", type: "choice", required: true });
    expect(choice!.type === "choice" && choice!.choices.map((c) => c.label.en)).toEqual(["Styrgruppen", "Arbetsgruppen"]);
    expect(pollDefinition([group, other]).fields[0]).toMatchObject({ id: "group" });
  });

  it("reads an extra meeting's time the engine's way and refuses a length outside 15 minutes to 8 hours and a personnummer in the place", () => {
    const values = { date: "2026-12-15", time: "13:00", duration: "90", location: "Sal 3", reason: "" };
    expect(readFormValues(newMeetingDefinition(), values, "sv")).toEqual({
      ok: true,
      answers: { date: "2026-12-15", time: "13.00", duration: 90, location: "Sal 3", reason: null },
    });
    const bad = readFormValues(newMeetingDefinition(), { ...values, time: "1300h", duration: "481", location: "Hos 811218-9876" }, "en");
    expect(!bad.ok && bad.errors.time).toBe("It must be a time of day such as 23.40.");
    expect(!bad.ok && bad.errors.duration).toBe("The number may not be greater than 480.");
    expect(!bad.ok && bad.errors.location).toContain("811218-****");
    const long = readFormValues(newMeetingDefinition(), { ...values, reason: "x".repeat(501) }, "sv");
    expect(!long.ok && long.errors).toEqual({ reason: "Texten är 501 tecken, högst 500 får plats." });
  });

  it("takes two to five poll times, a third to fifth date only with its time", () => {
    const values = { date1: "2027-01-19", time1: "13.00", date2: "2027-01-21", time2: "9:30", deadline: "2027-01-08", duration: "60" };
    const reading = readFormValues(pollDefinition(), values, "sv");
    expect(reading.ok && [reading.answers.time2, reading.answers.date3, reading.answers.time3]).toEqual(["09.30", null, null]);
    const one = readFormValues(pollDefinition(), { ...values, date2: "", time2: "" }, "sv");
    expect(!one.ok && Object.keys(one.errors)).toEqual(["date2", "time2"]);
    const half = readFormValues(pollDefinition(), { ...values, date4: "2027-01-26" }, "sv");
    expect(!half.ok && half.errors).toEqual({ time4: "Datum 4 och Tid 4 hör ihop: fyll i Tid 4 också, eller lämna alla tomma." });
  });

  it("asks why the minutes were amended, and refuses a personnummer in the amended decisions", () => {
    const noNote = readFormValues(amendDefinition(), { decisions: "Budgeten godkänns", note: " " }, "sv");
    expect(!noNote.ok && noNote.errors).toEqual({ note: "Frågan måste besvaras." });
    const pnr = readFormValues(amendDefinition(), { decisions: "Beslut om 19811218-9876", note: "Rättelse" }, "en");
    expect(!pnr.ok && Object.keys(pnr.errors)).toEqual(["decisions"]);
    expect(readFormValues(amendDefinition(), { decisions: "", note: "Fel datum" }, "sv")).toEqual({
      ok: true,
      answers: { decisions: null, note: "Fel datum" },
    });
  });
});
