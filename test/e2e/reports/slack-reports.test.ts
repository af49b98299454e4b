import { startSlackServer } from "../../helpers/slack-server.ts";
import { describeReportsStory } from "./reports-scenario.ts";

describeReportsStory("Slack", {
  platform: "slack",
  users: { anna: { userId: "U0ANNA" }, bertil: { userId: "U0BERTIL" }, cecilia: { userId: "U0CECILIA" }, david: { userId: "U0DAVID" } },
  identity: (user) => user.userId,
  start: async (databaseUrl, clock) => {
    const slack = await startSlackServer({ databaseUrl, clock });
    return {
      driver: slack.driver,
      fileBytes: async (item) => {
        const [file] = (item.raw as { files: { id: string }[] }).files;
        return slack.fake.uploads.get(file!.id)!;
      },
      close: () => slack.close(),
    };
  },
});
