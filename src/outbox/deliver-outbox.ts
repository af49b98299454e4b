import type { ChatPort, Message, Platform, PlatformSendOptions } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { errorFields, SamverkaError, toSamverkaError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { noMetrics, type Metrics } from "../shared/metrics.ts";
import { recordFailureNotice } from "./failure-notice.ts";
import { createMicroBatch } from "../shared/micro-batch.ts";
import { claimOutbox, countCopiesInFlight, findCardCopies, markSent, settleUnsent, type ClaimedOutbox, type SentTo } from "./outbox.repository.ts";
import type { OutboxJobRef, OutboxQueue, OutboxRecord, OutboxRenderer } from "./outbox.ts";
import { Paced, type Pacer } from "./pacing.ts";
import { retractCopy } from "./retract-copies.ts";
import { recordWaitingNotice } from "./waiting-notice.ts";
import { isRetryable, MAX_DELIVERY_ATTEMPTS, nextAttemptAt } from "./retry-policy.ts";

/** What delivering outbox rows needs. */
export interface OutboxDeliveryDeps {
  db: Db;
  chats: ReadonlyMap<Platform, ChatPort>;
  renderers: readonly OutboxRenderer[];
  queue: OutboxQueue;
  pacer: Pacer;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  maxAttempts?: number;
}

/** Delivers the row a job points at, once per (row, due time). */
export type DeliverOutbox = (job: OutboxJobRef) => Promise<void>;

/** Copies of a card updated at once by its refresh. */
const REFRESH_CONCURRENCY = 8;

/** "Nothing to send any more" (a live message whose subject is gone): the row is cancelled, not retried. */
class NothingToSend extends Error {}

/** Where one delivery went or tried to go: the platforms called, and the conversation (or member) it was for. */
interface Attempt {
  platforms: Set<Platform>;
  target: string;
}

/** The metrics label for the platforms an attempt called. */
function platformLabel(attempt: Attempt): string {
  return attempt.platforms.size === 1 ? [...attempt.platforms][0]! : attempt.platforms.size === 0 ? "none" : "several";
}

/**
 * Remembers the conversations an expected refusal (the app is not installed there) was already logged for, so each
 * gets one warning, not one per message; a delivery that succeeds there again forgets it.
 */
function createWarnedOnce(limit = 10_000): { first(target: string): boolean; forget(target: string): void } {
  const warned = new Set<string>();
  return {
    first(target) {
      if (warned.has(target)) return false;
      if (warned.size >= limit) warned.clear();
      warned.add(target);
      return true;
    },
    forget: (target) => void warned.delete(target),
  };
}

const isNotInstalled = (error: unknown): boolean => error instanceof SamverkaError && error.code === "not_installed";

/**
 * Creates the delivery processor. It claims the row (a repeated or stale job finds nothing to claim), sends, and
 * stores where the message landed the moment the platform accepted it. A retryable failure puts the row back to
 * pending at a backoff (honouring Retry-After) and queues that try; after the last attempt, or a failure that cannot
 * succeed later, the row is failed and samordning is told through another route. No transaction or lock is held
 * while the platform is called.
 */
export function createOutboxDelivery(deps: OutboxDeliveryDeps): DeliverOutbox {
  const { db, chats, clock, pacer } = deps;
  const logger = deps.logger.child({ component: "outbox" });
  const renderers = new Map(deps.renderers.map((r) => [r.name, r]));
  const maxAttempts = deps.maxAttempts ?? MAX_DELIVERY_ATTEMPTS;
  const metrics = deps.metrics ?? noMetrics;
  const notInstalled = createWarnedOnce();

  // Stamped with its reader's language, so the adapter's own words (Ja/Nej, Ladda ner) match the text.
  async function messageOf(row: OutboxRecord, refresh = false): Promise<Message> {
    const message = await composedMessageOf(row, refresh);
    return { ...message, locale: row.audience.locale };
  }

  async function composedMessageOf(row: OutboxRecord, refresh: boolean): Promise<Message> {
    const content = row.content;
    if (content.type === "message") return content.message;
    if (content.type !== "live") throw new SamverkaError("internal", `Outbox row ${row.key} carries a file where a message was expected.`);
    const renderer = renderers.get(content.render);
    if (renderer === undefined) throw new SamverkaError("internal", `No outbox renderer is registered for "${content.render}" (row ${row.key}).`);
    const parsed = renderer.payload.safeParse(content.payload);
    if (!parsed.success) throw new SamverkaError("internal", `Outbox row ${row.key} has a payload "${content.render}" cannot read: ${parsed.error.message}`);
    const message = await renderer.render(parsed.data, row.audience, { refresh });
    if (message === undefined) throw new NothingToSend(`${content.render} has nothing to show any more`);
    return message;
  }

  function chatFor(platform: Platform): ChatPort {
    const chat = chats.get(platform);
    if (chat === undefined) throw new SamverkaError("platform_rejected", `Samverka has no ${platform} adapter configured in this process.`);
    return chat;
  }

  async function toChannel(row: OutboxRecord, attempt: Attempt): Promise<SentTo> {
    attempt.platforms.add(row.platform!);
    const chat = chatFor(row.platform!);
    const conversation = chat.channelRef(row.conversation!);
    await pacer.pace(chat.platform, conversation, row.id);
    if (row.kind === "file") {
      const content = row.content as Extract<OutboxRecord["content"], { type: "file" }>;
      await chat.attachFile(conversation, { ...content, content: row.fileContent ?? Buffer.alloc(0), locale: row.audience.locale });
      return { messageRef: null, platform: chat.platform, conversation };
    }
    const message = await messageOf(row);
    return { messageRef: await chat.post(conversation, message, sendOptions(row)), platform: chat.platform, conversation };
  }

  // A row claimed before may have been accepted by the platform without its ref being stored (a crash between the
  // two, a timeout): the adapter looks for it by its key before sending it again.
  const sendOptions = (row: OutboxRecord): PlatformSendOptions => (row.attempts > 1 ? { key: row.key, resendSince: row.createdAt } : { key: row.key });

  // The member's identities in order: the first is theirs to read; a later one is used only when an earlier platform fails.
  async function toMember(row: ClaimedOutbox, attempt: Attempt): Promise<SentTo> {
    const reachable = row.identities.filter((i) => chats.has(i.platform));
    if (reachable.length === 0) throw new SamverkaError("not_found", `Member ${row.memberId} has no identity on a configured platform any more.`);
    const message = row.kind === "message" ? await messageOf(row) : undefined;
    const errors: unknown[] = [];
    for (const [index, identity] of reachable.entries()) {
      const chat = chatFor(identity.platform);
      attempt.platforms.add(identity.platform);
      try {
        await pacer.pace(chat.platform, identity.platformUserId, row.id);
        if (message !== undefined) {
          const messageRef = await chat.sendDirect(identity.platformUserId, message, sendOptions(row));
          return { messageRef, platform: chat.platform, conversation: null };
        }
        const content = row.content as Extract<OutboxRecord["content"], { type: "file" }>;
        const conversation = await chat.directConversation(identity.platformUserId);
        await chat.attachFile(conversation, { ...content, content: row.fileContent ?? Buffer.alloc(0), locale: row.audience.locale });
        return { messageRef: null, platform: chat.platform, conversation };
      } catch (error) {
        if (error instanceof Paced) throw error;
        errors.push(error);
        // The last identity's failure is logged once, with the row's outcome; a known missing installation once per identity.
        if (index === reachable.length - 1) continue;
        if (isNotInstalled(error) && !notInstalled.first(`${identity.platform}:${identity.platformUserId}`)) continue;
        logger.warn(
          { ...errorFields(error), key: row.key, platform: identity.platform },
          "direct message failed on this platform; trying the member's next identity",
        );
      }
    }
    // Retry when any platform may recover; fail when every one refused for good.
    throw errors.find(isRetryable) ?? errors[0];
  }

  async function refresh(row: OutboxRecord, attempt: Attempt): Promise<SentTo> {
    const card = row.card!;
    // A copy not yet sent (or waiting for a retry) renders the newest rows itself when it goes; one being sent right
    // now may carry older ones: come back once it has landed, so it is refreshed too. Waiting for the pending ones
    // as well would hold every copy's refresh for as long as one member's chat keeps failing (minutes of retries).
    if ((await countCopiesInFlight(db, card)) > 0) {
      throw new SamverkaError("platform_unavailable", `Copies of ${card} are still being sent; refreshing after them.`, {
        retryable: true,
        retryAfterMs: 2_000,
      });
    }
    const copies = await findCardCopies(db, card);
    const failures: unknown[] = [];
    let paced: Paced | undefined;
    const update = async (copy: (typeof copies)[number]): Promise<void> => {
      try {
        const message = await messageOf(copy, true);
        attempt.platforms.add(copy.sentPlatform);
        const chat = chatFor(copy.sentPlatform);
        await pacer.pace(chat.platform, copy.messageRef, row.id);
        await chat.update(copy.messageRef, message);
      } catch (error) {
        if (error instanceof Paced) paced = paced !== undefined && paced.ms >= error.ms ? paced : error;
        else if (error instanceof NothingToSend) return;
        else if (isRetryable(error)) failures.push(error);
        else logger.warn({ ...errorFields(error), key: copy.key }, "a copy of the card could not be updated (deleted, or the app removed); the others were");
      }
    };
    // Each copy is paced by its own conversation, so they are updated side by side, the oldest (the channels') first:
    // one after another, the last of a cold night's 47 copies showed the answers half a second after the first.
    let next = 0;
    const updater = async (): Promise<void> => {
      while (next < copies.length) await update(copies[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, copies.length) }, updater));
    // A copy whose conversation is busy has its slot reserved: the refresh comes back once the last such slot is due.
    if (paced !== undefined) throw paced;
    if (failures.length > 0) throw failures[0];
    return { messageRef: null, platform: null, conversation: null };
  }

  // A copy taken back where it landed: the ref it keeps says whether it was replaced (the ref) or deleted (null).
  async function retract(row: OutboxRecord, content: Extract<OutboxRecord["content"], { type: "retract" }>, attempt: Attempt): Promise<SentTo> {
    const chat = chatFor(content.platform);
    attempt.platforms.add(content.platform);
    await pacer.pace(chat.platform, content.messageRef, row.id);
    const done = await retractCopy(chat, { ...content, message: { ...content.message, locale: row.audience.locale } }, logger.child({ key: row.key }));
    return { messageRef: done === "replaced" ? content.messageRef : null, platform: chat.platform, conversation: null };
  }

  const send = (row: ClaimedOutbox, attempt: Attempt): Promise<SentTo> =>
    row.content.type === "retract"
      ? retract(row, row.content, attempt)
      : row.kind === "refresh"
        ? refresh(row, attempt)
        : row.memberId !== null
          ? toMember(row, attempt)
          : toChannel(row, attempt);

  // Jobs running at once claim their rows, and store where they landed, together: one statement for many.
  const claim = createMicroBatch((jobs: readonly OutboxJobRef[]) => claimOutbox(db, jobs, clock.now()));
  const stored = createMicroBatch(async (sent: readonly (OutboxJobRef & SentTo)[]) => {
    await markSent(db, sent, clock.now());
    return sent.map(() => undefined);
  });

  return async (job) => {
    const row = await claim(job);
    if (row === undefined) {
      logger.debug({ outboxId: job.outboxId }, "outbox row no longer pending at this time; nothing to do");
      return;
    }
    const log = logger.child({ key: row.key, attempt: row.attempts });
    const attempt: Attempt = { platforms: new Set(), target: row.memberId !== null ? `member:${row.memberId}` : `${row.platform}:${row.conversation}` };
    let sent: SentTo;
    try {
      sent = await send(row, attempt);
    } catch (thrown) {
      await settleFailure(row, job, thrown, attempt, log);
      return;
    }
    await stored({ ...job, ...sent });
    notInstalled.forget(attempt.target);
    metrics.outboxDelivery(sent.platform ?? platformLabel(attempt), "sent");
    log.debug({ platform: sent.platform }, "outbox row delivered");
  };

  async function settleFailure(row: OutboxRecord, job: OutboxJobRef, thrown: unknown, attempt: Attempt, log: Logger): Promise<void> {
    const now = clock.now();
    if (thrown instanceof Paced) {
      // Not a failed attempt: the row waits for its reserved slot without holding a worker meanwhile.
      const next = await settleUnsent(db, job, { status: "deferred", until: new Date(now.getTime() + Math.ceil(thrown.ms)) }, now);
      log.debug({ dueAt: next?.dueAt }, "conversation busy; the row comes back at its reserved slot");
      if (next !== undefined) await deps.queue.enqueueMany([next]).catch((e: unknown) => log.warn({ err: e }, "could not queue the paced row; the sweep will"));
      return;
    }
    if (thrown instanceof NothingToSend) {
      await settleUnsent(db, job, { status: "cancelled", error: thrown.message }, now);
      log.info("nothing to send any more; the row is cancelled");
      return;
    }
    const error = toSamverkaError(thrown);
    const text = `${error.code}: ${error.message}`;
    if (isNotInstalled(error) && row.memberId === null && row.platform !== null && row.conversation !== null && row.kind !== "refresh") {
      // Only adding the app there helps: the post waits for that (released on install), logged once per conversation.
      await settleUnsent(db, job, { status: "waiting", error: text }, now);
      if (notInstalled.first(attempt.target))
        log.warn(
          { code: error.code, reason: error.message },
          "Samverka is not in this channel yet; what goes there waits until it is added (further messages there are logged at debug level)",
        );
      else log.debug({ code: error.code }, "waiting: Samverka is not in this channel yet (already warned)");
      await recordWaitingNotice(
        { db, clock, logger: log, queue: deps.queue, platforms: () => new Set(chats.keys()) },
        { ...row, platform: row.platform, conversation: row.conversation },
      ).catch((e: unknown) => log.error({ err: e }, "could not record the notice that a message waits for the app"));
      return;
    }
    if (isRetryable(thrown) && row.attempts < maxAttempts) {
      const next = await settleUnsent(db, job, { status: "pending", retryAt: nextAttemptAt(now, row.attempts, thrown), error: text }, now);
      metrics.outboxDelivery(platformLabel(attempt), "retried");
      log.warn({ ...errorFields(error), retryAt: next?.dueAt }, "delivery failed; it will be retried");
      // If this enqueue is lost, the sweep queues the pending row.
      if (next !== undefined) await deps.queue.enqueueMany([next]).catch((e: unknown) => log.warn({ err: e }, "could not queue the retry; the sweep will"));
      return;
    }
    await settleUnsent(db, job, { status: "failed", error: text }, now);
    metrics.outboxDelivery(platformLabel(attempt), "failed");
    if (!isNotInstalled(error)) log.error({ ...errorFields(error) }, "delivery failed for good; samordning is told");
    // Expected until an admin adds the app there (or, in the Agents Playground, never): one warning per conversation
    // or member, and samordning is told with the first message; each later one would repeat the same news every window.
    else if (notInstalled.first(attempt.target))
      log.warn(
        { code: error.code, reason: error.message },
        "Samverka is not installed where this message should go; it is not delivered and samordning is told (further messages there are logged at debug level)",
      );
    else return void log.debug({ code: error.code }, "not delivered: Samverka is not installed there (already warned, samordning already told)");
    await recordFailureNotice({ db, clock, logger: log, queue: deps.queue, platforms: () => new Set(chats.keys()) }, row, now).catch((e: unknown) =>
      log.error({ err: e }, "could not record the failure notice for samordning"),
    );
  }
}
