import type { z } from "zod";
import type { FormResult, InboundEvent, Notifier, Reply } from "../chat/index.ts";
import type { OutboxRenderer } from "../outbox/outbox.ts";
import type { Member, MemberRole, Partnership } from "../partnerships/index.ts";
import type { Locale } from "../shared/i18n.ts";
import type { ReminderRecord, Reminders } from "../reminders/reminder.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";
import type { Transact } from "./unit-of-work.ts";

/** What every capability's use cases work with, handed over by the composition root. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  reminders: Reminders;
  /** One transaction for a state change and everything it must send and schedule. */
  transact: Transact;
  logger: Logger;
}

/** The member behind an inbound event, in the partnership the conversation (or their choice) selects. */
export interface Actor {
  member: Member;
  partnership: Partnership;
  locale: Locale;
}

/** Context for a command like `kallnatt 2026-12-03 -9`. */
export interface CommandContext {
  event: Extract<InboundEvent, { type: "command" | "message" }>;
  actor: Actor;
  /** What followed the command word, trimmed. */
  args: string;
  reply: Reply;
}

/** A command's words in both languages; the first of each is the one the help names, the rest are other spellings. */
export interface CommandWords {
  sv: readonly [string, ...string[]];
  en: readonly [string, ...string[]];
}

/**
 * A chat command as its capability registers it: the help card, the "did you mean" suggestions and the routing are
 * all built from these, so a command exists in one place.
 */
export interface CommandHandler {
  words: CommandWords;
  /** Its line on the help card in the member's language, from the capability's catalogue. */
  help(locale: Locale): string;
  /** Who may use it: members with one of these roles (the help shows it to them only, the router refuses others); absent, everyone. */
  roles?: readonly MemberRole[];
  run(ctx: CommandContext): Promise<void>;
}

/** Context for a button click or select. */
export interface ActionContext {
  event: Extract<InboundEvent, { type: "action" }>;
  actor: Actor;
  reply: Reply;
}

/** Handles button clicks whose `actionId` starts with `prefix` (e.g. `coldnight.`). */
export interface ActionHandler {
  prefix: string;
  run(ctx: ActionContext): Promise<void>;
}

/** Context for a form submission. */
export interface FormContext {
  event: Extract<InboundEvent, { type: "form" }>;
  actor: Actor;
  reply: Reply;
}

/** Handles submissions of forms whose `formId` starts with `prefix`. */
export interface FormHandler {
  prefix: string;
  submit(ctx: FormContext): Promise<FormResult>;
}

/** Gets a direct message before command routing; returns true when it consumed it (e.g. an open form). */
export interface DirectMessageHandler {
  (ctx: CommandContext): Promise<boolean>;
}

/**
 * Runs one due reminder of `kind`. Must be idempotent: the row may be delivered twice. Its payload is read with
 * `payload` once, centrally; a payload that does not fit is given up (never retried) and logged with its key.
 */
export interface ReminderHandler<P = unknown> {
  kind: string;
  payload: z.ZodType<P>;
  run(reminder: ReminderRecord, payload: P): Promise<void>;
}

/** Declares a reminder handler with its payload type inferred from its schema. */
export function defineReminder<P>(handler: ReminderHandler<P>): ReminderHandler {
  return handler;
}

/** A recurring tick (cron, in the Europe/Stockholm zone) that turns rows into reminders. */
export interface RecurringTask {
  name: string;
  cron: string;
  run(now: Date): Promise<void>;
}

/** What a capability (meetings, alerts, reports) plugs into the bot. */
export interface Feature {
  name: string;
  commands?: CommandHandler[];
  actions?: ActionHandler[];
  forms?: FormHandler[];
  directMessages?: DirectMessageHandler[];
  reminders?: ReminderHandler[];
  recurring?: RecurringTask[];
  /** Live messages (cards) the outbox renders at send time from this capability's rows. */
  renderers?: OutboxRenderer[];
}
