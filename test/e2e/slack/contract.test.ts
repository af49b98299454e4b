import { contractFormFeature, describeChatContract, seedContractData } from "../chat-contract.ts";
import { startSlackServer } from "../../helpers/slack-server.ts";
import { createTestDatabase } from "../../helpers/test-database.ts";

/** Every mrkdwn text object in a Block Kit payload. */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (typeof node !== "object" || node === null) return [];
  const el = node as Record<string, unknown>;
  return [...(el.type === "mrkdwn" && typeof el.text === "string" ? [el.text] : []), ...Object.values(el).flatMap(mrkdwnTexts)];
}

describeChatContract("Slack", async () => {
  const db = await createTestDatabase();
  const users = { member: { userId: "U0MAJA" }, admin: { userId: "U0ADA" }, twoPartnerships: { userId: "U0TOVE" }, stranger: { userId: "U0OKAND" } };
  await seedContractData(db.db, "slack", users, "C0ALFA");
  const slack = await startSlackServer({ databaseUrl: db.url, features: [contractFormFeature] });
  return {
    driver: slack.driver,
    users,
    channel: "C0ALFA",
    // Slack mrkdwn: *x* between word boundaries is bold; **x** is not.
    boldIn: (item) => mrkdwnTexts(item.raw).flatMap((text) => [...text.matchAll(/(?<![*\w])\*([^*\n]+)\*(?![*\w])/g)].map((m) => m[1]!)),
    close: async () => {
      await slack.close();
      await db.drop();
    },
  };
});
