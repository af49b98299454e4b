/**
 * The REAL server with Slack and Teams (both-platforms-server.ts) serving the Stockholm example partnership exactly
 * as examples/stockholm-eu-medborgare.yaml describes it (its people, chat ids, channels and shelters), for
 * end-to-end tests of what a newcomer would see.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Platform } from "../../../src/chat/chat-port.ts";
import { partnershipFiles } from "../../../src/partnership-sections.ts";
import type { PlatformDriver, SentItem, TestUser } from "../../helpers/platform-driver.ts";
import { startBothPlatformsServer, type BothPlatformsServer } from "./both-platforms-server.ts";

const EXAMPLE = path.resolve(import.meta.dirname, "../../../examples/stockholm-eu-medborgare.yaml");
export const EXAMPLE_SLACK_ALERTS = "C0FAKEALERTS";
export const EXAMPLE_TEAMS_ALERTS = "19:fake-samverkansgrupp@thread.tacv2";

/** Members of the example the tests act as, with their primary chat identity from the file. */
export const EXAMPLE_PEOPLE = {
  samordning: { platform: "slack", user: { userId: "U0FAKESAMORD" } },
  convictusNatt: { platform: "slack", user: { userId: "U0FAKECONVNATT" } },
  fralsningsarmenNatt: { platform: "teams", user: { userId: "29:fake-fralsningsarmen-natt", name: "Natt Frälsningsarmén" } },
  stadsmissionenNatt: { platform: "teams", user: { userId: "29:fake-stadsmissionen-natt", name: "Natt Stadsmissionen" } },
  socialjouren: { platform: "teams", user: { userId: "29:fake-socialjouren", name: "Socialjouren" } },
  euTeametChef: { platform: "teams", user: { userId: "29:fake-eu-teamet-chef", name: "Karin Lindqvist" } },
} as const satisfies Record<string, { platform: Platform; user: TestUser }>;
export type ExamplePerson = keyof typeof EXAMPLE_PEOPLE;

export interface ExampleServer extends BothPlatformsServer<ExamplePerson> {
  /** The latest version of a message the bot sent: its last in-place update, or the message itself. */
  latest(driver: PlatformDriver, first: SentItem): SentItem;
}

/** Starts the world at `start`. Its waits return the newest match: the tests follow one board as it is updated. */
export async function startExampleServer(start: string): Promise<ExampleServer> {
  const server = await startBothPlatformsServer({
    start,
    seed: async (db, clock) => partnershipFiles.import(db, partnershipFiles.parse(await readFile(EXAMPLE, "utf8"), EXAMPLE), { clock }),
    people: EXAMPLE_PEOPLE,
    alertsChannels: { slack: EXAMPLE_SLACK_ALERTS, teams: EXAMPLE_TEAMS_ALERTS },
    newest: true,
  });
  return {
    ...server,
    latest: (driver, first) =>
      driver
        .sent()
        .filter((i) => i.conversation === first.conversation && i.messageId === first.messageId && ["post", "direct", "update"].includes(i.kind))
        .at(-1) ?? first,
  };
}
