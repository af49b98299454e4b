import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFormConversations, startConversation } from "../../../src/forms/index.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { visitorsForm } from "../../unit/forms/fixture-form.ts";

/** Counts the reads of form_sessions the engines make. */
function sessionReads(): KyselyPlugin & { count: number } {
  const counter = {
    count: 0,
    transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
      if (node.kind === "SelectQueryNode" && JSON.stringify(node.from).includes('"form_sessions"')) counter.count += 1;
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => result,
  };
  return counter;
}

let db: TestDatabase;
let member: string;

beforeAll(async () => {
  db = await createTestDatabase();
  member = (await seedPartnership(db.db, "bench-forms", [{ key: "anna", name: "Anna", slack: "UANNA" }])).anna!;
});
afterAll(async () => {
  await db?.drop();
});

describe("a direct message offered to several owners' conversations", () => {
  it("reads the member's active session once, and the owner whose it is still answers", async () => {
    const reads = sessionReads();
    const counted = db.db.withPlugin(reads);
    const incidents = createFormConversations({ db: counted, clock: systemClock, subjects: "incident:" });
    const reports = createFormConversations({ db: counted, clock: systemClock, subjects: "report:" });
    await reports.open({
      partnershipId: "bench-forms",
      memberId: member,
      subject: "report:r1",
      actionPrefix: "report.",
      definition: visitorsForm,
      title: visitorsForm.title,
      state: startConversation(visitorsForm, {}),
    });

    const message = { type: "message", text: "120" };
    reads.count = 0;
    expect(await incidents.reply(member, "120", "sv", message)).toBeUndefined();
    const turn = await reports.reply(member, "120", "sv", message);
    expect(turn?.outcome).toBe("continue");
    expect(turn?.session.state.answers.total).toBe(120);
    expect(reads.count).toBe(1);

    // The next message is read afresh: it sees the answer just saved.
    const next = { type: "message", text: "40" };
    expect(await incidents.reply(member, "40", "sv", next)).toBeUndefined();
    expect((await reports.reply(member, "40", "sv", next))?.session.state.answers).toMatchObject({ total: 120, women: 40 });
    expect(reads.count).toBe(2);
  });
});
