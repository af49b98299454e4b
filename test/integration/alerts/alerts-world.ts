import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import { createQueueBackend } from "../../../jobs/queue-backend.ts";
import { REMINDER_QUEUE, reminderJobId } from "../../../jobs/reminder.jobs.ts";
import type { Feature } from "../../../src/app/feature.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import { createChatRouter } from "../../../src/chat/index.ts";
import type { FormResult, InboundEvent, InboundHandler, ReplyPort } from "../../../src/chat/inbound.ts";
import type { FormView, Message } from "../../../src/chat/message.ts";
import { createAlertsFeature } from "../../../src/alerts/index.ts";
import type { ForecastSource } from "../../../src/alerts/forecast/forecast-source.ts";
import type { OutboxRenderer } from "../../../src/outbox/index.ts";
import { createReminderProcessor, type Reminders } from "../../../src/reminders/index.ts";
import { createInlineOutbox } from "../../helpers/inline-outbox.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createRecordingChat, messageText, type RecordingChat } from "../../helpers/recording-chat.ts";
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from "../../helpers/test-database.ts";
import { dropRedisKeys } from "../jobs/job-backends.ts";
import { seedAlertsPartnership, type Person } from "./alerts-seed.ts";

export type { Person } from "./alerts-seed.ts";

/** Where each person of the test partnership is: platform and user id. */
export const PEOPLE = {
  sara: { platform: "slack", userId: "U_SARA" },
  jour: { platform: "teams", userId: "29:jour" },
  cConv: { platform: "slack", userId: "U_CCONV" },
  cFa: { platform: "teams", userId: "29:cfa" },
  cNg: { platform: "slack", userId: "U_CNG" },
  sConv: { platform: "slack", userId: "U_SCONV" },
  sFa: { platform: "teams", userId: "29:sfa" },
  sNg: { platform: "teams", userId: "29:sng" },
  mConv: { platform: "slack", userId: "U_MCONV" },
  dayStaff: { platform: "slack", userId: "U_DAY" },
} as const satisfies Record<Person, { platform: Platform; userId: string }>;

export const ALERT_CHANNELS = { slack: "C_ALERTS", teams: "19:alerts@thread.tacv2" } as const;

/** Everything a use-case test of alerts drives: real Postgres, Redis queue, Notifier and router; recorded chats. */
export interface AlertsWorld {
  t: TestDatabase;
  clock: ManualClock;
  chats: Record<Platform, RecordingChat>;
  reminders: Reminders;
  feature: Feature;
  router: InboundHandler;
  memberIds: Record<Person, string>;
  activityIds: Record<string, string>;
  partnershipId: string;
  /** Sends an inbound event as `person` and records what the reply did. */
  act(person: Person, event: DistributiveOmit<InboundEvent, "user">): Promise<{ result: FormResult | void; whispers: Message[]; forms: FormView[] }>;
  /**
   * Runs every pending reminder due at the clock's time, as the worker would when its delayed job fires; returns how
   * many. Then delivers the outbox tries queued for later, unless `retries` is false.
   */
  runDue(options?: { retries?: boolean }): Promise<number>;
  /** Delivers the outbox tries queued for later (retries, refreshes behind copies still on their way). */
  deliverDue(): Promise<void>;
  /** Whether the BullMQ queue holds the delayed job of the reminder row with `key` (under its deterministic id). */
  queuedJob(key: string): Promise<boolean>;
  /** Everything sent directly to a person, as text. */
  directTo(person: Person): string[];
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function createAlertsWorld(options: { start: string; forecast?: ForecastSource; partnershipId?: string }): Promise<AlertsWorld> {
  const t = await createTestDatabase();
  const clock = createManualClock(options.start);
  const prefix = uniqueName("alerts");
  const runtime: JobRuntime = createJobRuntime({ redisUrl: TEST_REDIS_URL, prefix, clock, logger: silentLogger });
  const inspect = createQueueBackend({ redisUrl: TEST_REDIS_URL, prefix, logger: silentLogger });
  const queue = inspect.openQueue(REMINDER_QUEUE, {});
  const chats = { slack: createRecordingChat("slack"), teams: createRecordingChat("teams") };
  const chatMap = new Map<Platform, RecordingChat>([
    ["slack", chats.slack],
    ["teams", chats.teams],
  ]);
  const forecast: ForecastSource = options.forecast ?? { pointForecast: () => Promise.reject(new Error("no forecast in this test")) };
  // Renderers are the feature's own; the outbox reads them through this late-bound list.
  const renderers: OutboxRenderer[] = [];
  const outbox = createInlineOutbox({ db: t.db, chats: chatMap, clock, reminderQueue: runtime.reminderQueue, renderers });
  const { notifier, reminders, transact } = outbox;
  const channelIdOf = (platform: Platform, conversation: string) => chatMap.get(platform)?.channelIdOf(conversation);
  const feature = createAlertsFeature({ db: t.db, clock, notifier, reminders, transact, logger: silentLogger, forecast, channelIdOf });
  renderers.push(...(feature.renderers ?? []));
  const router = createChatRouter({ db: t.db, chats: chatMap, features: [feature], logger: silentLogger, defaultLocale: "sv" });
  const processReminder = createReminderProcessor({ db: t.db, handlers: feature.reminders ?? [], clock, logger: silentLogger });
  const partnershipId = options.partnershipId ?? "eu-stockholm";
  const identities = Object.fromEntries(Object.entries(PEOPLE).map(([key, p]) => [key, { platform: p.platform, id: p.userId }])) as Record<
    Person,
    { platform: Platform; id: string }
  >;
  const { memberIds, activityIds } = await seedAlertsPartnership(t.db, partnershipId, identities, ALERT_CHANNELS);

  return {
    t,
    clock,
    chats,
    reminders,
    feature,
    router,
    memberIds,
    activityIds,
    partnershipId,
    async act(person, partial) {
      const p = PEOPLE[person];
      const chat = chats[p.platform];
      const event = { ...partial, user: { platform: p.platform, userId: p.userId } } as InboundEvent;
      const whispers: Message[] = [];
      const forms: FormView[] = [];
      // Answers as Slack gives them: in a channel posted there or shown to the person alone (`whispers`); in the
      // person's DM, everything is theirs alone.
      const conversation = event.type === "installed" ? "" : event.conversation;
      const direct = conversation.includes(":dm-");
      const privately = (message: Message) => {
        whispers.push(message);
        return Promise.resolve();
      };
      const port: ReplyPort = {
        direct,
        post: (message) => (direct ? privately(message).then(() => `${conversation}/reply`) : chat.post(conversation, message)),
        showPrivately: direct ? undefined : privately,
        sendDirect: (message) => chat.sendDirect(p.userId, message),
        updateSource: (message) => (event.type === "action" && event.message ? chat.update(event.message, message) : Promise.resolve()),
        openForm: (form) => {
          forms.push(form);
          return Promise.resolve();
        },
      };
      const result = await router.handle(event, port);
      return { result, whispers, forms };
    },
    async runDue({ retries = true } = {}) {
      const due = await t.db
        .selectFrom("reminders")
        .where("status", "=", "pending")
        .where("due_at", "<=", clock.now())
        .select(["id", "due_at"])
        .orderBy("due_at")
        .execute();
      for (const row of due) {
        // A failing reminder goes back to pending (or is given up) inside the processor; the queue would retry it.
        await processReminder({ reminderId: row.id, dueAt: row.due_at }).catch(() => undefined);
      }
      if (retries) await outbox.deliverDue();
      return due.length;
    },
    deliverDue: () => outbox.deliverDue(),
    async queuedJob(key) {
      const row = await t.db.selectFrom("reminders").where("key", "=", key).select(["id", "due_at"]).executeTakeFirst();
      return row !== undefined && (await queue.getJob(reminderJobId({ reminderId: row.id, dueAt: row.due_at }))) !== undefined;
    },
    directTo: (person) => chats[PEOPLE[person].platform].directTextsTo(PEOPLE[person].userId),
    async close() {
      await queue.close();
      await inspect.close();
      await runtime.close();
      await dropRedisKeys(prefix);
      await t.drop();
    },
  };
}

/** The texts of a card as it last looked on a platform (the `nth` post to the channel, or its last in-place update). */
export function latestCard(chat: RecordingChat, channelRef: string, nth = 0): { text: string; ref: string } | undefined {
  const post = chat.calls.filter((c) => c.op === "post" && c.conversation === channelRef)[nth];
  if (post === undefined || post.op !== "post") return undefined;
  const updates = chat.calls.filter((c) => c.op === "update" && c.ref === post.ref);
  const last = updates.at(-1);
  return { text: messageText(last !== undefined && last.op === "update" ? last.message : post.message), ref: post.ref };
}
