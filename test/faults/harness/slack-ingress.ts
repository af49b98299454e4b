/** Signed requests to a bot's /slack/events that report what came back, even when the bot died mid-request. */
import { createSlackDriver, slashCommandBody } from "../../helpers/slack-driver.ts";
import type { SlackFakeApi } from "../../helpers/slack-fake-api.ts";

/** What a request came to: the HTTP status, or why there was none (connection reset, refused, timeout). */
export interface IngressResult {
  status: number | undefined;
  error: string | undefined;
  ms: number;
  body: string;
}

/** Posts a signed body to `botUrl`/slack/events; never throws. */
export async function postSigned(botUrl: string, fake: SlackFakeApi, body: string, contentType?: string): Promise<IngressResult> {
  const started = performance.now();
  const driver = createSlackDriver({ serverUrl: botUrl, fake });
  try {
    const res = await driver.post(body, contentType === undefined ? {} : { contentType });
    return { status: res.status, error: undefined, ms: Math.round(performance.now() - started), body: res.body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { status: undefined, error: cause?.code ?? String(error), ms: Math.round(performance.now() - started), body: "" };
  }
}

/** `/samverka <text>` typed by `userId` in `conversation` (answers go to a response_url on the fake). */
export function slashCommand(botUrl: string, fake: SlackFakeApi, userId: string, text: string, conversation: string): Promise<IngressResult> {
  return postSigned(botUrl, fake, slashCommandBody(fake, { userId }, text, { conversation }));
}
