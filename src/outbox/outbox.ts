import type { z } from "zod";
import type { Message, Platform } from "../chat/index.ts";
import type { Locale } from "../shared/i18n.ts";

/** Who reads a message: its text is composed in their language and time zone. */
export interface Audience {
  locale: Locale;
  timeZone: string;
}

/**
 * What an outbox row carries: a message composed when it was recorded, a live message rendered from the rows it
 * describes each time it is sent or refreshed (cards with a tally), a file, or the taking back of a copy already
 * delivered (replaced in place by `message`, deleted when the platform will not replace it).
 */
export type OutboxContent =
  | { type: "message"; message: Message }
  | { type: "live"; render: string; payload: Record<string, unknown> }
  | { type: "file"; filename: string; mimeType: string; comment?: string }
  | RetractContent;

/** Takes back a delivered copy: where it landed (`messageRef` on `platform`) and what replaces it. */
export interface RetractContent {
  type: "retract";
  platform: Platform;
  messageRef: string;
  message: Message;
}

/** Why a live message is rendered: its first send, or a refresh of a copy already sent. */
export interface RenderContext {
  refresh: boolean;
}

/**
 * Renders a live message at send time from the current rows; `undefined` means there is nothing to send any more
 * (on a first send the row is cancelled; on a refresh that copy is left as it is).
 */
export interface OutboxRenderer<P = unknown> {
  /** Stable name stored in the row (`coldnight.card`); a renderer is registered by the feature that owns it. */
  name: string;
  payload: z.ZodType<P>;
  render(payload: P, audience: Audience, context: RenderContext): Promise<Message | undefined>;
}

/** Declares a renderer with its payload type checked against its schema. */
export function defineRenderer<P>(renderer: OutboxRenderer<P>): OutboxRenderer {
  return renderer;
}

/** An outbox row as the delivery sees it. */
export interface OutboxRecord {
  id: string;
  key: string;
  partnershipId: string | null;
  kind: "message" | "file" | "refresh";
  memberId: string | null;
  platform: Platform | null;
  /** The channel id as the partnership file writes it (Slack `C…`, Teams `19:…`), for channel posts. */
  conversation: string | null;
  card: string | null;
  content: OutboxContent;
  fileContent: Buffer | null;
  audience: Audience;
  dueAt: Date;
  /** Claims so far, this one included: more than 1 means an earlier try may have reached the platform. */
  attempts: number;
  createdAt: Date;
}

/** Which job delivers a row: the row id and the due time the job was queued for. */
export interface OutboxJobRef {
  outboxId: string;
  dueAt: Date;
}

/** The job runtime as the outbox sees it: one job per (row, due time) under a deterministic id. */
export interface OutboxQueue {
  enqueueMany(jobs: readonly OutboxJobRef[]): Promise<void>;
}
