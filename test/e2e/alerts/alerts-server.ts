/**
 * The alerts end-to-end world: the REAL server on Slack and Teams (both-platforms-server.ts) serving the seeded
 * partnership of test/integration/alerts/alerts-seed.ts, its people split over the two platforms.
 */
import type { Platform } from "../../../src/chat/chat-port.ts";
import type { Logger } from "../../../src/shared/logger.ts";
import type { SentItem, TestUser } from "../../helpers/platform-driver.ts";
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

/** The partnership's shelters (activities) by key: their ids, as the incident form's choices carry them. */
export async function shelterIds(w: AlertsServer): Promise<Record<string, string>> {
  return Object.fromEntries((await w.db.selectFrom("activities").select(["key", "id"]).execute()).map((a) => [a.key, a.id]));
}

/** Opens the incident form as `person` and returns it as their platform shows it. */
export async function openIncidentForm(w: AlertsServer, person: Person): Promise<SentItem> {
  const driver = w.driverOf(person);
  await driver.command(w.userOf(person), "hot formulär");
  return w.sentAfter(driver, (item) => (item.fields ?? []).includes("description"));
}

/** An incident at a shelter at 23.30 on 3 December, as the form takes it; `answers` set what differs. */
export function incidentValues(shelterId: string, description: string, answers: Record<string, string> = {}): Record<string, string> {
  return {
    date: "2026-12-03",
    time: "23.30",
    activity: shelterId,
    kind: "both",
    severity: "moderate",
    injuries: "minor",
    police: "called",
    support: "yes",
    description,
    ...answers,
  };
}
