import type { Authorize } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { toSlackError } from "./chat/slack-errors.ts";

/**
 * Bolt's authorize with the bot's identity (for ignoring its own messages) looked up once, on the first event:
 * not at start-up, so a Slack outage cannot stop the server starting, and not per event, as Bolt's own
 * lazy mode does. A failed lookup is retried on the next event.
 */
export function createAuthorize(client: WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test().then(
      (r) => ({ ...(r.bot_id === undefined ? {} : { botId: r.bot_id }), ...(r.user_id === undefined ? {} : { botUserId: r.user_id }) }),
      (error: unknown) => {
        identity = undefined;
        throw toSlackError(error, "auth.test");
      },
    );
    return { botToken, ...(await identity) };
  };
}
