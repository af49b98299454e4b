import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFormConversations, startConversation } from "../../../src/forms/index.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { visitorsForm } from "../../unit/forms/fixture-form.ts";

let db: TestDatabase;
let people: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await seedPartnership(db.db, "forms-prefix", [
    { key: "anna", name: "Anna", slack: "UANNA" },
    { key: "bo", name: "Bo", slack: "UBO" },
  ]);
});
afterAll(async () => {
  await db?.drop();
});

describe("closing the conversations of a matter that is over", () => {
  it("cancels every open session whose subject starts with the prefix, whoever holds it, and leaves the others", async () => {
    const conversations = createFormConversations({ db: db.db, clock: systemClock });
    const open = (member: string, subject: string) =>
      conversations.open({
        partnershipId: "forms-prefix",
        memberId: member,
        subject,
        actionPrefix: "test.",
        definition: visitorsForm,
        title: visitorsForm.title,
        state: startConversation(visitorsForm, {}),
      });
    await open(people.anna!, "night:a1:places:anna");
    await open(people.bo!, "night:a1:places:bo");
    await conversations.reply(people.bo!, "paus", "sv");
    // `_` and `%` in a prefix are taken literally, not as LIKE wildcards.
    await open(people.anna!, "night_a1:places:x");
    await open(people.bo!, "night:a10:places:bo");

    expect(await conversations.closeSubjectsStartingWith("night:a1:")).toBe(2);
    const statuses = await db.db.selectFrom("form_sessions").select(["subject", "status"]).execute();
    expect(statuses.sort((a, b) => (a.subject < b.subject ? -1 : 1))).toEqual([
      { subject: "night:a10:places:bo", status: "active" },
      { subject: "night:a1:places:anna", status: "cancelled" },
      { subject: "night:a1:places:bo", status: "cancelled" },
      { subject: "night_a1:places:x", status: "active" },
    ]);
  });
});
