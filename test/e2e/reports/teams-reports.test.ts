import { startTeamsServer } from "../../helpers/teams-server.ts";
import type { PlatformDriver } from "../../helpers/platform-driver.ts";
import type { TeamsDriver } from "../../helpers/teams-driver.ts";
import { describeReportsStory } from "./reports-scenario.ts";

// The story sees the neutral driver; installing the app is Teams' own step.
const drivers = new Map<PlatformDriver, TeamsDriver>();
let connectorPort: number | undefined;

describeReportsStory("Teams", {
  platform: "teams",
  users: {
    anna: { userId: "29:anna", aadObjectId: "aad-anna", name: "Anna Andersson" },
    bertil: { userId: "29:bertil", aadObjectId: "aad-bertil", name: "Bertil Berg" },
    cecilia: { userId: "29:cecilia", aadObjectId: "aad-cecilia", name: "Cecilia City" },
    david: { userId: "29:david", aadObjectId: "aad-david", name: "David Dag" },
  },
  identity: (user) => user.aadObjectId ?? user.userId,
  start: async (databaseUrl, clock) => {
    const teams = await startTeamsServer({ databaseUrl, clock, connectorPort });
    connectorPort = Number(new URL(teams.driver.connector.url).port);
    drivers.set(teams.driver, teams.driver);
    return {
      driver: teams.driver,
      fileBytes: async (item) => {
        const url = /"url":"([^"]*\/api\/teams\/files[^"]*)"/.exec(JSON.stringify(item.raw))![1]!;
        return Buffer.from(await (await fetch(url)).arrayBuffer());
      },
      close: () => teams.close(),
    };
  },
  prepare: async (driver, users) => {
    for (const user of users) await drivers.get(driver)!.install({ user });
  },
});
