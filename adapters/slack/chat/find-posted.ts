import type { MessageMetadata, WebClient } from "@slack/web-api";
import { callSlack } from "./slack-errors.ts";

/** The metadata event type every message sent from the outbox carries, with the row's key as its payload. */
export const OUTBOX_EVENT_TYPE = "samverka_outbox";

/** The metadata that lets a message be found by its outbox key. */
export function outboxMetadata(key: string): MessageMetadata {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { key } };
}

// A send may land a little before the row's creation time as the host's clock sees it.
const CLOCK_SKEW_S = 60;
// Cold-night channels are quiet; 5 pages of 200 cover any plausible gap between a crash and its re-send.
const PAGE_SIZE = 200;
const MAX_PAGES = 5;

// The SDK types the payload as {}; it is the object posted with the message.
const payloadKey = (payload: object | undefined): unknown => (payload === undefined ? undefined : (payload as { key?: unknown }).key);

/**
 * The ts of a message posted in `channel` since `since` under the outbox `key`, read from the channel's history with
 * its metadata, or undefined when there is none.
 */
export async function findPostedByKey(client: WebClient, channel: string, key: string, since: Date): Promise<string | undefined> {
  const oldest = String(Math.floor(since.getTime() / 1000) - CLOCK_SKEW_S);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await callSlack("conversations.history", () =>
      client.conversations.history({ channel, oldest, limit: PAGE_SIZE, include_all_metadata: true, ...(cursor === undefined ? {} : { cursor }) }),
    );
    const found = res.messages?.find((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && payloadKey(m.metadata.event_payload) === key);
    if (found?.ts !== undefined) return found.ts;
    cursor = res.response_metadata?.next_cursor;
    if (res.has_more !== true || cursor === undefined || cursor === "") return undefined;
  }
  return undefined;
}
