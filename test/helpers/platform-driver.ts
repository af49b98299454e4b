import type { Platform } from "../../src/chat/chat-port.ts";

/** A button as the bot rendered it on the platform (read back from the fake platform API). */
export interface SentButton {
  actionId: string;
  value: string;
  label: string;
}

/** Something the bot sent through the fake platform API. */
export interface SentItem {
  kind: "post" | "update" | "private" | "direct" | "form" | "file" | "invoke-response";
  /** The platform conversation/channel id it went to (Slack channel id, Teams conversation id). */
  conversation: string;
  /** The platform user it was meant for, for `private`, `direct` and `form`. */
  userId?: string;
  /** The platform message id (Slack ts, Teams activity id), when there is one. */
  messageId?: string;
  /** Every human-visible string in the message, joined with newlines, for assertions. */
  text: string;
  buttons: SentButton[];
  /** Form field ids, for `form`. */
  fields?: string[];
  /** The raw platform payload (Block Kit / Adaptive Card activity). */
  raw: unknown;
}

/** A user of a test partnership as the platform knows them. */
export interface TestUser {
  userId: string;
  aadObjectId?: string;
  name?: string;
}

/** Drives the real adapter over HTTP as the platform would, against a loopback fake of its API. */
export interface PlatformDriver {
  readonly platform: Platform;
  /** `/samverka <text>` in Slack; a message to the bot (@mention in a channel) in Teams. */
  command(user: TestUser, text: string, options?: { conversation?: string }): Promise<void>;
  /** A plain message to the bot, in a direct conversation unless a channel is given. */
  message(user: TestUser, text: string, options?: { conversation?: string }): Promise<void>;
  /** Clicks the button labelled or identified by `button` on a message the bot sent. */
  click(user: TestUser, item: SentItem, button: string): Promise<void>;
  /** Submits a form the bot opened, with values by field id; returns field errors if refused. */
  submitForm(user: TestUser, form: SentItem, values: Record<string, string | string[]>): Promise<Record<string, string> | undefined>;
  /** Everything sent so far, oldest first. */
  sent(): SentItem[];
  /** Waits until something matching `predicate` has been sent (polls the fake; fails after `timeoutMs`). */
  waitFor(predicate: (item: SentItem) => boolean, timeoutMs?: number): Promise<SentItem>;
  /** Forgets what was sent so far. */
  clear(): void;
  close(): Promise<void>;
}
