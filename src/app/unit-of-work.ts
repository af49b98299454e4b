import { AsyncLocalStorage } from "node:async_hooks";
import type { Notifier, Platform } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import { createOutboxWriter, type OutboxJobRef, type OutboxQueue } from "../outbox/index.ts";
import { createReminderWriter, flushReminderJobs, type ReminderJobRef, type ReminderQueue, type Reminders } from "../reminders/index.ts";
import type { Clock } from "../shared/clock.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";

const insideTransaction = new AsyncLocalStorage<true>();
const requests = new AsyncLocalStorage<RequestNote>();

/**
 * What one request (an inbound event and its answers) did so far, so a failure can be told truthfully: once a unit of
 * work inside it committed, something WAS done, whatever fails afterwards.
 */
export interface RequestNote {
  /** Set when a unit of work inside the request committed: that unit of work's notifier, which can still record messages. */
  committed: Notifier | undefined;
  /** The member the request came from, once they are known. */
  memberId: string | undefined;
}

/** Runs `fn` with a note of what the request's units of work do; a request already noted (an adapter around the router) shares its note. */
export function noteRequest<T>(fn: (note: RequestNote) => Promise<T>): Promise<T> {
  const outer = requests.getStore();
  if (outer !== undefined) return fn(outer);
  const note: RequestNote = { committed: undefined, memberId: undefined };
  return requests.run(note, () => fn(note));
}

/**
 * Throws when called from inside a unit of work's transaction. The adapters call it before every platform request:
 * a network call there would hold a pooled connection and the rows' locks for as long as Slack or Teams take.
 */
export function assertOutsideTransaction(what: string): void {
  if (insideTransaction.getStore() === true) {
    throw new SamverkaError("internal", `${what} was called inside a database transaction; record it in the outbox instead (see DURABILITY.md).`);
  }
}

/** What one unit of work writes with: its transaction, and the notifier and reminders bound to it. */
export interface Work {
  db: Db;
  notifier: Notifier;
  reminders: Reminders;
}

/** Runs `fn` as ONE transaction: state, reminder rows and outbox rows commit together or not at all. */
export type Transact = <T>(fn: (work: Work) => Promise<T>) => Promise<T>;

/** What the unit of work needs. */
export interface UnitOfWorkDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  reminderQueue: ReminderQueue;
  outboxQueue: OutboxQueue;
  /** The platforms this process has adapters for. */
  platforms: () => ReadonlySet<Platform>;
}

/** The unit of work, plus a notifier and reminders whose every call is a small unit of its own. */
export interface UnitOfWork {
  transact: Transact;
  notifier: Notifier;
  reminders: Reminders;
}

/**
 * Record first, then act: everything a use case changes and must send is written in one transaction; the jobs
 * that act on the rows are queued only after it commits, and a lost enqueue is healed by the sweep. No network call
 * happens inside the transaction.
 */
export function createUnitOfWork(deps: UnitOfWorkDeps): UnitOfWork {
  const logger = deps.logger.child({ component: "unit-of-work" });
  const notifier: Notifier = {
    toMember: (...args) => transact((w) => w.notifier.toMember(...args)),
    toMembers: (...args) => transact((w) => w.notifier.toMembers(...args)),
    toChannels: (...args) => transact((w) => w.notifier.toChannels(...args)),
    refreshCard: (...args) => transact((w) => w.notifier.refreshCard(...args)),
    retract: (...args) => transact((w) => w.notifier.retract(...args)),
    fileToMember: (...args) => transact((w) => w.notifier.fileToMember(...args)),
    fileToChannels: (...args) => transact((w) => w.notifier.fileToChannels(...args)),
  };
  const transact: Transact = async (fn) => {
    const outbox: OutboxJobRef[] = [];
    const queued: ReminderJobRef[] = [];
    const removed: ReminderJobRef[] = [];
    const result = await insideTransaction.run(true, () =>
      deps.db.transaction().execute((trx) =>
        fn({
          db: trx,
          notifier: createOutboxWriter({ db: trx, clock: deps.clock, logger, platforms: deps.platforms, queued: outbox }),
          reminders: createReminderWriter({ db: trx, clock: deps.clock, queued, removed }),
        }),
      ),
    );
    const note = requests.getStore();
    if (note !== undefined) note.committed = notifier;
    if (outbox.length > 0) {
      await deps.outboxQueue
        .enqueueMany(outbox)
        .catch((error: unknown) => logger.warn({ err: error, rows: outbox.length }, "could not queue outbox rows; the sweep will queue them"));
    }
    await flushReminderJobs(deps.reminderQueue, queued, removed, logger);
    return result;
  };
  return {
    transact,
    notifier,
    reminders: {
      schedule: (...args) => transact((w) => w.reminders.schedule(...args)),
      scheduleMany: (...args) => transact((w) => w.reminders.scheduleMany(...args)),
      cancel: (...args) => transact((w) => w.reminders.cancel(...args)),
      cancelByPrefix: (...args) => transact((w) => w.reminders.cancelByPrefix(...args)),
    },
  };
}
