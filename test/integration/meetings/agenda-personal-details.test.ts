/**
 * The example (issue 13, item 5): "Ring Maria Nilsson på 070-1234567" as an agenda item is warned about, not
 * refused, and kept when the member sends it again unchanged; a personnummer stays refused. By command and by form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FormResult } from "../../../src/chat/inbound.ts";
import type { Meeting } from "../../../src/meetings/meeting.repository.ts";
import { messageText } from "../../helpers/recording-chat.ts";
import { createMeetingTestbed, type MeetingTestbed, planTestbedMeetings } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
let first: Meeting;
beforeAll(async () => {
  tb = await createMeetingTestbed();
  const plan = await planTestbedMeetings(tb);
  first = plan.meetings[0]!;
});
afterAll(async () => {
  await tb.close();
});

const items = async () =>
  (await tb.db.db.selectFrom("agenda_items").select("text").where("proposed_for_meeting_id", "=", first.id).execute()).map((r) => r.text);

describe("an agenda item that names a person", () => {
  it("warns about the name and the number by command, and adds the item when it is sent again unchanged", async () => {
    const say = (text: string) => tb.send("bo", { type: "message", conversation: "slack:dm-UBO", text, direct: true });
    const warned = await say("agenda Ring Maria Nilsson på 070-1234567");
    const warning = messageText(warned.replies.whispers[0]!);
    expect(warning).toContain("ett namn (Maria Nilsson) och ett telefonnummer (070-1234567)");
    expect(warning).toContain("Skriv samma svar igen");
    expect(await items()).toEqual([]);
    const kept = await say("agenda Ring Maria Nilsson på 070-1234567");
    // An item added is news for the group: said where it was written.
    expect(messageText(kept.replies.said[0]!)).toContain("Punkten är tillagd");
    expect(await items()).toEqual(["Ring Maria Nilsson på 070-1234567"]);
    expect(messageText((await say("agenda Ärende om 19811218-9876")).replies.whispers[0]!)).toContain("personnummer");
  });

  it("warns on the agenda form's field, and takes the same text on the second submission", async () => {
    const form = await tb.send("anna", { type: "action", conversation: "slack:dm-UANNA", actionId: "meeting.agenda-add", value: first.id });
    const submit = () =>
      tb.send("anna", {
        type: "form",
        conversation: "slack:dm-UANNA",
        formId: "meeting.agenda",
        state: form.replies.forms[0]!.state,
        values: { text: "Lokalfrågan, kontakt eva.berg@example.se" },
      });
    const warned = (await submit()).result as FormResult;
    expect(warned.ok ? undefined : warned.errors.text).toContain("en e-postadress (eva.berg@example.se)");
    expect(await submit()).toMatchObject({ result: { ok: true } });
    expect(await items()).toContain("Lokalfrågan, kontakt eva.berg@example.se");
  });
});
