import { contractFormFeature, describeChatContract, seedContractData } from "../chat-contract.ts";
import { startTeamsServer } from "../../helpers/teams-server.ts";
import { createTestDatabase } from "../../helpers/test-database.ts";

const CHANNEL = "19:contract-alfa@thread.tacv2";

/** The markdown-bearing texts of a card (TextBlock text, FactSet titles and values) anywhere in an activity. */
function textsOfCard(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOfCard);
  if (typeof node !== "object" || node === null) return [];
  const el = node as Record<string, unknown>;
  const own =
    el.type === "TextBlock" && typeof el.text === "string"
      ? [el.text]
      : el.type === "FactSet"
        ? (el.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value])
        : [];
  return [...own, ...Object.values(el).flatMap(textsOfCard)];
}

describeChatContract("Teams", async () => {
  const db = await createTestDatabase();
  const users = {
    member: { userId: "29:maja", aadObjectId: "00000000-0000-0000-0000-00000000a001", name: "Maja Medlem" },
    admin: { userId: "29:ada", aadObjectId: "00000000-0000-0000-0000-00000000a002", name: "Ada Admin" },
    twoPartnerships: { userId: "29:tove", aadObjectId: "00000000-0000-0000-0000-00000000a003", name: "Tove Två" },
    stranger: { userId: "29:okand", aadObjectId: "00000000-0000-0000-0000-00000000a004", name: "Okänd" },
  };
  await seedContractData(db.db, "teams", users, CHANNEL);
  const teams = await startTeamsServer({ databaseUrl: db.url, features: [contractFormFeature] });
  // Teams tells the bot when it is added to a team; only then can it write in the channel.
  await teams.driver.install({ conversation: CHANNEL });
  return {
    driver: teams.driver,
    users,
    channel: CHANNEL,
    // Adaptive Card markdown: **x** is bold, while a single *x* is italic.
    boldIn: (item) => textsOfCard(item.raw).flatMap((text) => [...text.matchAll(/\*\*([^*\n]+)\*\*/g)].map((m) => m[1]!)),
    close: async () => {
      await teams.close();
      await db.drop();
    },
  };
});
