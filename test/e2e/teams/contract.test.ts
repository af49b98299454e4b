import { contractFormFeature, describeChatContract, seedContractData } from "../chat-contract.ts";
import { startTeamsServer } from "../../helpers/teams-server.ts";
import { createTestDatabase } from "../../helpers/test-database.ts";

const CHANNEL = "19:contract-alfa@thread.tacv2";

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
    close: async () => {
      await teams.close();
      await db.drop();
    },
  };
});
