import { startSlackServer } from "../../helpers/slack-server.ts";
import type { MeetingsPlatform } from "./meetings-scenario.ts";

/** How the meetings stories run on Slack: the real server with Bolt, against the loopback Slack Web API fake. */
export const slackMeetings: MeetingsPlatform = {
  platform: "slack",
  users: { anna: { userId: "U0ANNA" }, bo: { userId: "U0BO" }, cecilia: { userId: "U0CECILIA" } },
  channel: "C0STYR",
  identity: (user) => user.userId,
  isDirectTo: (item, user) => item.conversation === `D${user.userId.replace(/^U/, "")}` || (item.kind === "private" && item.userId === user.userId),
  start: async (databaseUrl, clock) => {
    const slack = await startSlackServer({ databaseUrl, clock });
    // Slack's upload step receives the file as multipart form data; the calendar is the part between its markers.
    const calendarFiles = () =>
      Promise.resolve(
        [...slack.fake.uploads.values()].flatMap((raw) => {
          const match = /BEGIN:VCALENDAR[\s\S]*?END:VCALENDAR\r\n/.exec(raw.toString("utf8"));
          return match === null ? [] : [Buffer.from(match[0], "utf8")];
        }),
      );
    return {
      driver: slack.driver,
      calendarFiles,
      refuseNextChannelPost: () => slack.fake.failNext("chat.postMessage", { error: "not_in_channel" }),
      install: async (channel) => void (await slack.driver.event({ type: "member_joined_channel", user: slack.fake.botUserId, channel, channel_type: "C" })),
      close: () => slack.close(),
    };
  },
};
