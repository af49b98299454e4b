import { describe, expect, it } from "vitest";
import { parseFormDefinition, readFormValues } from "../../../src/forms/index.ts";
import type { Meeting } from "../../../src/meetings/meeting.repository.ts";
import type { GroupSeat, MeetingGroup } from "../../../src/meetings/meeting-group.repository.ts";
import { agendaDefinition, minutesDefinition, moveDefinition, readWritten, rsvpCommentDefinition } from "../../../src/meetings/meeting-form-definitions.ts";
import { readMinutes } from "../../../src/meetings/record-minutes.ts";
import { translatorFor } from "../../../src/meetings/meeting-views.ts";

const BO = "00000000-0000-4000-8000-0000000000b0";
const EVA = "00000000-0000-4000-8000-0000000000e0";
const seat = (memberId: string, displayName: string): GroupSeat => ({ memberId, key: displayName, displayName, role: "member", roles: [], email: null });
const seats = [seat(BO, "Bo Ledamot"), seat(EVA, "Eva Ek")];
const item = (id: string, text: string) => ({ id, text, textEn: null, sourceKey: null, proposedBy: null, carriedOver: false });
const items = [item("00000000-0000-4000-8000-000000000001", "Budget 2027"), item("00000000-0000-4000-8000-000000000002", "Lokalfrågan")];
const meeting = { id: "m1", startsAt: new Date("2026-10-13T11:00:00Z"), status: "invited" } as Meeting;
const group = { name: "Styrgruppen", timeZone: "Europe/Stockholm" } as MeetingGroup;

describe("the meetings' form definitions", () => {
  it("are valid definitions the engine accepts as data", () => {
    for (const definition of [agendaDefinition(), moveDefinition(), minutesDefinition(items, seats), rsvpCommentDefinition()]) {
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
});
