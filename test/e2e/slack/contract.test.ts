import { contractFormFeature, describeChatContract, seedContractData } from "../chat-contract.ts";
import { startSlackServer } from "../../helpers/slack-server.ts";
import { createTestDatabase } from "../../helpers/test-database.ts";

describeChatContract("Slack", async () => {
  const db = await createTestDatabase();
  const users = { member: { userId: "U0MAJA" }, admin: { userId: "U0ADA" }, twoPartnerships: { userId: "U0TOVE" }, stranger: { userId: "U0OKAND" } };
  await seedContractData(db.db, "slack", users, "C0ALFA");
  const slack = await startSlackServer({ databaseUrl: db.url, features: [contractFormFeature] });
  return {
    driver: slack.driver,
    users,
    channel: "C0ALFA",
    close: async () => {
      await slack.close();
      await db.drop();
    },
  };
});
