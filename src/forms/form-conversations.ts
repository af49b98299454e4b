import type { Message } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { SamverkaError } from "../shared/errors.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import { parseCommand, respond, type Notice, type Step } from "./form-conversation.ts";
import { renderConversation, renderOpening, type ConversationFrame } from "./form-conversation.view.ts";
import { createFormSessionRepository, type FormSession, type NewFormSession } from "./form-session.repository.ts";
import { formsMessages } from "./forms.messages.ts";

/** What one message did: the saved session, what happened, and the reply (none when the owner must submit). */
export interface ConversationTurn {
  session: FormSession;
  /** `stale`: a button of a conversation already submitted or cancelled; the owner says what stands now. */
  outcome: Step["outcome"] | "resumed" | "stale";
  message?: Message;
}

/** Conversational filling in of forms in direct messages, saved after every answer. */
export interface FormConversations {
  /** Makes the member's conversation for `subject` the active one, creating it if needed; pauses any other. */
  open(spec: NewFormSession): Promise<{ session: FormSession; resumed: boolean }>;
  /**
   * Feeds a direct message to the member's active conversation; undefined when there is none, or it is another owner's.
   * `message` (the inbound event) lets the owners the same message is offered to share one read of the session.
   */
  reply(memberId: string, text: string, locale: Locale, message?: object): Promise<ConversationTurn | undefined>;
  /** A button on the summary (`submit` or `edit`), checked against the session's owner; undefined when not theirs. */
  press(sessionId: string, memberId: string, button: "submit" | "edit", locale: Locale): Promise<ConversationTurn | undefined>;
  /** Renders where the session stands, e.g. when it is opened or resumed. */
  render(session: FormSession, locale: Locale, options?: { opening?: boolean; notice?: Notice }): Message;
  /** The owner refused the answers at submission (`reason`, in the person's language): asks `fieldId` again, then back to the summary. */
  refuse(session: FormSession, fieldId: string, reason: string, locale: Locale): Promise<ConversationTurn>;
  /** Marks the session done (after its owner stored the submission). */
  complete(session: FormSession): Promise<void>;
  /** Cancels every open session on `subject` except `keep` (e.g. a colleague submitted the same report). */
  closeSubject(subject: string, keep?: string): Promise<void>;
  /** Cancels every open session whose subject starts with `prefix`, whoever holds it (e.g. the questions of an alert that closed). */
  closeSubjectsStartingWith(prefix: string): Promise<number>;
  /** The open (active or paused) session for this subject and member. */
  openFor(subject: string, memberId: string): Promise<FormSession | undefined>;
  /** Forgets drafts of finished conversations older than `days`: a submission keeps its own copy. */
  purgeClosed(days: number): Promise<number>;
  /** The member's active session, if any. */
  activeFor(memberId: string): Promise<FormSession | undefined>;
  /** Every open session on `subject`. */
  openForSubject(subject: string): Promise<FormSession[]>;
}

/**
 * The active-session read of each inbound direct message, shared by the owners it is offered to in turn (incident
 * reports, then reports): each engine answers only for its own sessions, but the row they read is the same, so a
 * step read it twice. Keyed by the message, the read lives as long as the message does. An owner that is offered
 * the message writes only to its own session and then takes the message, so no later owner sees a read it changed;
 * a save still checks the revision it read, and a retry after a conflict reads again.
 */
const activeReads = new WeakMap<object, { memberId: string; read: Promise<FormSession | undefined> }>();

/**
 * Creates the conversation engine over the database. With `subjects` (a subject prefix such as `report:`), `reply`
 * answers only for that owner's sessions, so each capability's direct-message handler feeds its own conversations;
 * a member still has one active conversation at a time across owners.
 */
export function createFormConversations(deps: { db: Db; clock: Clock; subjects?: string }): FormConversations {
  const sessions = createFormSessionRepository(deps.db);
  const owns = (session: FormSession) => deps.subjects === undefined || session.subject.startsWith(deps.subjects);

  const frameOf = (session: FormSession, locale: Locale): ConversationFrame => ({
    title: session.title[locale],
    submitActionId: `${session.actionPrefix}submit`,
    editActionId: `${session.actionPrefix}edit`,
    actionValue: session.id,
  });

  const render: FormConversations["render"] = (session, locale, options = {}) =>
    options.opening === true
      ? renderOpening(session.definition, session.state, locale, frameOf(session, locale))
      : renderConversation(session.definition, session.state, locale, frameOf(session, locale), options.notice);

  async function apply(session: FormSession, text: string, locale: Locale): Promise<ConversationTurn> {
    const t = createTranslator(formsMessages, locale);
    const step = respond(session.definition, session.state, text, locale);
    const now = deps.clock.now();
    switch (step.outcome) {
      case "paused":
        return { session: await sessions.save(session, { status: "paused" }, now), outcome: "paused", message: textOnly(t("conv.paused")) };
      case "cancelled": {
        const { correcting } = session.state;
        const message = textOnly(correcting === undefined ? t("conv.cancelled") : t("conv.cancelled_correction", { version: correcting }));
        return { session: await sessions.save(session, { status: "cancelled" }, now), outcome: "cancelled", message };
      }
      case "submit":
        return { session, outcome: "submit" };
      case "continue": {
        const saved = step.changed ? await sessions.save(session, { state: step.state }, now) : session;
        return { session: saved, outcome: "continue", message: render(saved, locale, { notice: step.notice }) };
      }
    }
  }

  const activeOnce = (memberId: string, message: object | undefined): Promise<FormSession | undefined> => {
    if (message === undefined) return sessions.activeFor(memberId);
    const known = activeReads.get(message);
    if (known?.memberId === memberId) return known.read;
    const read = sessions.activeFor(memberId);
    activeReads.set(message, { memberId, read });
    return read;
  };

  // Two messages racing on one session: the loser re-reads and applies its message to the new state.
  async function withRetry<T>(run: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(attempt);
      } catch (error) {
        if (!(error instanceof SamverkaError && error.code === "conflict") || attempt >= 3) throw error;
      }
    }
  }

  return {
    async open(spec) {
      const now = deps.clock.now();
      const existing = await sessions.openFor(spec.subject, spec.memberId);
      if (existing?.status === "active") return { session: existing, resumed: true };
      await sessions.pauseActive(spec.memberId, now);
      if (existing !== undefined) return { session: await sessions.save(existing, { status: "active" }, now), resumed: true };
      return { session: await sessions.insert(spec, "active", now), resumed: false };
    },
    reply: (memberId, text, locale, message) =>
      withRetry(async (attempt) => {
        const active = await activeOnce(memberId, attempt === 1 ? message : undefined);
        if (active !== undefined) return owns(active) ? apply(active, text, locale) : undefined;
        if (parseCommand(text)?.kind !== "resume") return undefined;
        // "fortsätt" resumes the conversation paused last, whoever owns it.
        const paused = await sessions.lastPausedFor(memberId);
        if (paused === undefined || !owns(paused)) return undefined;
        const session = await sessions.save(paused, { status: "active" }, deps.clock.now());
        return { session, outcome: "resumed" as const, message: render(session, locale, { opening: true }) };
      }),
    press: (sessionId, memberId, button, locale) =>
      withRetry(async () => {
        const session = await sessions.byId(sessionId);
        if (session === undefined || session.memberId !== memberId) return undefined;
        if (session.status === "completed" || session.status === "cancelled") return { session, outcome: "stale" as const };
        const active = session.status === "active" ? session : await reactivate(session);
        return apply(active, button === "submit" ? "skicka" : "ändra", locale);
      }),
    render,
    async refuse(session, fieldId, reason, locale) {
      const saved = await sessions.save(session, { state: { ...session.state, current: fieldId, returnToSummary: true } }, deps.clock.now());
      return { session: saved, outcome: "continue", message: render(saved, locale, { notice: { kind: "refused", reason } }) };
    },
    async complete(session) {
      await sessions.save(session, { status: "completed" }, deps.clock.now());
    },
    async closeSubject(subject, keep) {
      const now = deps.clock.now();
      for (const session of await sessions.openForSubject(subject)) {
        if (session.id !== keep) await sessions.save(session, { status: "cancelled" }, now);
      }
    },
    closeSubjectsStartingWith: (prefix) => sessions.cancelOpenByPrefix(prefix, deps.clock.now()),
    openFor: (subject, memberId) => sessions.openFor(subject, memberId),
    purgeClosed: (days) => sessions.deleteClosedBefore(new Date(deps.clock.now().getTime() - days * 86_400_000)),
    activeFor: (memberId) => sessions.activeFor(memberId),
    openForSubject: (subject) => sessions.openForSubject(subject),
  };

  async function reactivate(session: FormSession): Promise<FormSession> {
    const now = deps.clock.now();
    await sessions.pauseActive(session.memberId, now);
    return sessions.save(session, { status: "active" }, now);
  }
}

function textOnly(text: string): Message {
  return { text, blocks: [{ type: "text", text }] };
}
