/**
 * The floor for Slack: a bare Bolt app (its own HTTP receiver, signature checks on) that acknowledges
 * `/samverka` commands and message events and, with BENCH_ANSWER=1, answers each with one chat.postMessage to the
 * conversation it came from, as Samverka answers `status` in a direct message.
 */
import bolt from "@slack/bolt";
import { announce, onStop } from "./target-process.ts";

const answer = process.env.BENCH_ANSWER === "1";
const app = new bolt.App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: bolt.LogLevel.ERROR,
});

app.command("/samverka", async ({ ack, command, client }) => {
  await ack();
  if (answer) await client.chat.postMessage({ channel: command.channel_id, text: `status for ${command.user_id}` });
});
app.event("message", async ({ event, client }) => {
  if (answer && "channel" in event) await client.chat.postMessage({ channel: event.channel, text: "status" });
});

await app.start(Number(process.env.PORT ?? 0));
const address = (app as unknown as { receiver: { server?: { address(): { port: number } } } }).receiver.server?.address();
onStop(() => app.stop());
announce(`http://127.0.0.1:${address?.port ?? process.env.PORT}`);
