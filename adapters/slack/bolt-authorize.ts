import type { Authorize } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { toSlackError } from "./chat/slack-errors.ts";

/** The bot's identity for Bolt, looked up once and shared by every event. */
export interface BotIdentity {
  authorize: Authorize<boolean>;
  /** Starts the lookup ahead of the first event; fails (to be logged) when Slack cannot be reached yet. */
  warm(): Promise<void>;
}

/**
 * Bolt's authorize with the bot's identity (for ignoring its own messages) looked up once: not at construction,
 * so a Slack outage cannot stop the server starting, and not per event, as Bolt's own lazy mode does.
 * A failed lookup is tried again on the next event.
 */
export function createBotIdentity(client: WebClient, botToken: string): BotIdentity {
  let identity: Promise<{ botId?: string; botUserId?: string }> | undefined;
  const lookUp = () => {
    identity ??= client.auth.test().then(
      (r) => ({ ...(r.bot_id === undefined ? {} : { botId: r.bot_id }), ...(r.user_id === undefined ? {} : { botUserId: r.user_id }) }),
      (error: unknown) => {
        identity = undefined;
        throw toSlackError(error, "auth.test");
      },
    );
    return identity;
  };
  return {
    authorize: async () => ({ botToken, ...(await lookUp()) }),
    warm: async () => {
      await lookUp();
    },
  };
}
