/**
 * The alerts end-to-end world: the REAL server on Slack and Teams (both-platforms-server.ts) serving the seeded
 * partnership of test/integration/alerts/alerts-seed.ts, its people split over the two platforms.
 */
import type { Platform } from "../../../src/chat/chat-port.ts";
import type { Logger } from "../../../src/shared/logger.ts";
import type { TestUser } from "../../helpers/platform-driver.ts";
import { seedAlertsPartnership, type Person } from "../../integration/alerts/alerts-seed.ts";
import { startBothPlatformsServer, type BothPlatformsServer } from "./both-platforms-server.ts";

export const PARTNERSHIP = "eu-stockholm";
export const SLACK_CHANNEL = "C0ALERTS";
export const TEAMS_CHANNEL = "19:alerts@thread.tacv2";
const slackUser = (id: string): TestUser => ({ userId: id });
const teamsUser = (id: string): TestUser => ({ userId: `29:${id}`, aadObjectId: `aad-${id}`, name: id });

/** Who is on which platform: samordning and a shelter on Slack, Socialjouren and two shelters on Teams. */
export const USERS: Record<Person, { platform: Platform; user: TestUser }> = {
  sara: { platform: "slack", user: slackUser("U0SARA") },
  jour: { platform: "teams", user: teamsUser("jour") },
  cConv: { platform: "slack", user: slackUser("U0CCONV") },
  cFa: { platform: "teams", user: teamsUser("cfa") },
  cNg: { platform: "slack", user: slackUser("U0CNG") },
  sConv: { platform: "slack", user: slackUser("U0SCONV") },
  sFa: { platform: "teams", user: teamsUser("sfa") },
  sNg: { platform: "teams", user: teamsUser("sng") },
  mConv: { platform: "slack", user: slackUser("U0MCONV") },
  dayStaff: { platform: "slack", user: slackUser("U0DAY") },
};

/** The running world and what the tests do with it. */
export type AlertsServer = BothPlatformsServer<Person>;

/** Starts the world at `start`; `logger` is the server's (silent unless a test reads its logs). */
export function startAlertsServer(start: string, options: { logger?: Logger } = {}): Promise<AlertsServer> {
  const identities = Object.fromEntries(
    Object.entries(USERS).map(([key, u]) => [key, { platform: u.platform, id: u.platform === "teams" ? u.user.aadObjectId! : u.user.userId }]),
  ) as Record<Person, { platform: Platform; id: string }>;
  return startBothPlatformsServer({
    start,
    seed: (db) => seedAlertsPartnership(db, PARTNERSHIP, identities, { slack: SLACK_CHANNEL, teams: TEAMS_CHANNEL }),
    people: USERS,
    alertsChannels: { slack: SLACK_CHANNEL, teams: TEAMS_CHANNEL },
    ...options,
  });
}
