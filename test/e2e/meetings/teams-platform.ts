import type { SentItem } from "../../helpers/platform-driver.ts";
import { startTeamsServer } from "../../helpers/teams-server.ts";
import type { MeetingsPlatform } from "./meetings-scenario.ts";

const CHANNEL = "19:styrgrupp@thread.tacv2";

// A file reaches Teams as a card whose button opens a download link served by Samverka itself.
function downloadLinks(item: SentItem): string[] {
  const links: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const el = node as Record<string, unknown>;
    if (el.type === "Action.OpenUrl" && typeof el.url === "string") links.push(el.url);
    Object.values(el).forEach(visit);
  };
  visit(item.raw);
  return links;
}

/** How the meetings stories run on Teams: the real server with the Teams SDK, against the loopback Bot Connector fake. */
export const teamsMeetings: MeetingsPlatform = {
  platform: "teams",
  users: {
    anna: { userId: "29:anna", aadObjectId: "aad-anna", name: "Anna Ordförande" },
    bo: { userId: "29:bo", aadObjectId: "aad-bo", name: "Bo Ledamot" },
    cecilia: { userId: "29:cecilia", aadObjectId: "aad-cecilia", name: "Cecilia Sekreterare" },
  },
  channel: CHANNEL,
  identity: (user) => user.aadObjectId ?? user.userId,
  isDirectTo: (item, user) => item.conversation.startsWith("a:") && (item.userId === user.userId || item.userId === user.aadObjectId),
  start: async (databaseUrl, clock) => {
    const teams = await startTeamsServer({ databaseUrl, clock });
    await teams.driver.install({ conversation: CHANNEL });
    const calendarFiles = async () => {
      const files: Buffer[] = [];
      for (const item of teams.driver.sent().filter((i) => i.kind === "file")) {
        for (const url of downloadLinks(item)) {
          const res = await fetch(url);
          if (res.ok) files.push(Buffer.from(await res.arrayBuffer()));
        }
      }
      return files;
    };
    return {
      driver: teams.driver,
      calendarFiles,
      banners: () => teams.driver.banners(),
      refuseNextChannelPost: () => undefined,
      install: (channel) => teams.driver.install({ conversation: channel }),
      close: () => teams.close(),
    };
  },
};
