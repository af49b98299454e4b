import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import { createQueueBackend } from "../../../jobs/queue-backend.ts";
import { REMINDER_QUEUE, reminderJobId } from "../../../jobs/reminder.jobs.ts";
import type { Feature } from "../../../src/app/feature.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import { createNotifier, createChatRouter } from "../../../src/chat/index.ts";
import type { FormResult, InboundEvent, InboundHandler, Reply } from "../../../src/chat/inbound.ts";
import type { FormView, Message } from "../../../src/chat/message.ts";
import { createAlertsFeature } from "../../../src/alerts/index.ts";
import type { ForecastSource } from "../../../src/alerts/forecast/forecast-source.ts";
import { createReminderProcessor, createReminders, type Reminders } from "../../../src/reminders/index.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createRecordingChat, messageText, type RecordingChat } from "../../helpers/recording-chat.ts";
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from "../../helpers/test-database.ts";
import { dropRedisKeys } from "../jobs/job-backends.ts";

/** The people of the test partnership: member key → platform and user id. */
export const PEOPLE = {
  sara: { name: "Sara Samordning", roles: ["samordning"], org: "stadsmissionen", platform: "slack", userId: "U_SARA" },
  jour: { name: "Socialjouren", roles: ["socialjouren"], org: null, platform: "teams", userId: "29:jour" },
  cConv: { name: "Cecilia Convictus", roles: ["coordinator"], org: "convictus", platform: "slack", userId: "U_CCONV" },
  cFa: { name: "Carl Frälsningsarmén", roles: ["coordinator"], org: "fralsningsarmen", platform: "teams", userId: "29:cfa" },
  cNg: { name: "Clara Ny Gemenskap", roles: ["coordinator"], org: "nygemenskap", platform: "slack", userId: "U_CNG" },
  sConv: { name: "Sam Convictus", roles: ["shelter_staff"], org: "convictus", platform: "slack", userId: "U_SCONV" },
  sFa: { name: "Siv Frälsningsarmén", roles: ["shelter_staff"], org: "fralsningsarmen", platform: "teams", userId: "29:sfa" },
  sNg: { name: "Stig Ny Gemenskap", roles: ["shelter_staff"], org: "nygemenskap", platform: "teams", userId: "29:sng" },
  mConv: { name: "Maria Convictus", roles: ["manager"], org: "convictus", platform: "slack", userId: "U_MCONV" },
  dayStaff: { name: "Dag Dagverksamhet", roles: ["shelter_staff"], org: "convictus", platform: "slack", userId: "U_DAY" },
} as const satisfies Record<string, { name: string; roles: string[]; org: string | null; platform: Platform; userId: string }>;
export type Person = keyof typeof PEOPLE;

const ORGS = [
  { key: "convictus", name: "Convictus", org_number: "802012-1581" },
  { key: "fralsningsarmen", name: "Frälsningsarmén", org_number: "802006-1688" },
  { key: "nygemenskap", name: "Ny Gemenskap", org_number: "802006-1019" },
  { key: "stadsmissionen", name: "Stockholms stadsmission", org_number: "802003-1954" },
];
const SHELTERS = [
  { key: "natt-convictus", name: "Convictus natthärbärge", org: "convictus", staff: "sConv" },
  { key: "natt-fa", name: "Frälsningsarméns härbärge", org: "fralsningsarmen", staff: "sFa" },
  { key: "natt-ng", name: "Ny Gemenskaps nattcafé", org: "nygemenskap", staff: "sNg" },
] as const;

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
  /** Runs every pending reminder due at the clock's time, as the worker would when its delayed job fires. */
  runDue(): Promise<number>;
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
  const chatMap = new Map<Platform, RecordingChat>([["slack", chats.slack], ["teams", chats.teams]]);
  const notifier = createNotifier({ db: t.db, chats: chatMap, logger: silentLogger });
  const reminders = createReminders({ db: t.db, queue: runtime.reminderQueue, clock, logger: silentLogger });
  const forecast: ForecastSource = options.forecast ?? { pointForecast: () => Promise.reject(new Error("no forecast in this test")) };
  const feature = createAlertsFeature({ db: t.db, clock, notifier, reminders, logger: silentLogger, forecast });
  const router = createChatRouter({ db: t.db, chats: chatMap, features: [feature], logger: silentLogger, defaultLocale: "sv" });
  const processReminder = createReminderProcessor({ db: t.db, handlers: feature.reminders ?? [], clock, logger: silentLogger });
  const partnershipId = options.partnershipId ?? "eu-stockholm";
  const { memberIds, activityIds } = await seed(t, partnershipId);

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
      const reply: Reply = {
        say: (message) => chat.post(event.type === "installed" ? "" : event.conversation, message),
        whisper: (message) => {
          whispers.push(message);
          return Promise.resolve();
        },
        updateSource: (message) => (event.type === "action" && event.message ? chat.update(event.message, message) : Promise.resolve()),
        openForm: (form) => {
          forms.push(form);
          return Promise.resolve();
        },
      };
      const result = await router.handle(event, reply);
      return { result, whispers, forms };
    },
    async runDue() {
      const due = await t.db
        .selectFrom("reminders")
        .where("status", "=", "pending")
        .where("due_at", "<=", clock.now())
        .select(["id", "due_at"])
        .orderBy("due_at")
        .execute();
      for (const row of due) await processReminder({ reminderId: row.id, dueAt: row.due_at });
      return due.length;
    },
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

async function seed(t: TestDatabase, partnershipId: string): Promise<{ memberIds: Record<Person, string>; activityIds: Record<string, string> }> {
  const db = t.db;
  await db
    .insertInto("partnerships")
    .values({ id: partnershipId, name: "Utsatta EU-medborgare", city: "Stockholm", time_zone: "Europe/Stockholm", locale: "sv", period_start: "2026-05-01", period_end: "2027-04-30", extension_step_months: 12, extension_until: null, extension_deadline: "02-01", updated_at: new Date() })
    .execute();
  const orgIds: Record<string, string> = {};
  for (const o of ORGS) orgIds[o.key] = (await db.insertInto("organisations").values({ partnership_id: partnershipId, ...o }).returning("id").executeTakeFirstOrThrow()).id;
  const memberIds = {} as Record<Person, string>;
  for (const [key, p] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    const row = await db
      .insertInto("members")
      .values({ partnership_id: partnershipId, key, display_name: p.name, organisation_id: p.org === null ? null : orgIds[p.org]!, city_unit_id: null, locale: "sv", roles: [...p.roles] })
      .returning("id")
      .executeTakeFirstOrThrow();
    memberIds[key] = row.id;
    await db.insertInto("member_identities").values({ partnership_id: partnershipId, member_id: row.id, platform: p.platform, platform_user_id: p.userId, position: 0 }).execute();
  }
  const activityIds: Record<string, string> = {};
  for (const s of SHELTERS) {
    const row = await db
      .insertInto("activities")
      .values({ partnership_id: partnershipId, organisation_id: orgIds[s.org]!, key: s.key, name: s.name, kind: "night", places: 40, places_women: 5, nights_per_grant: 5, nights_per_grant_women: 7, karenstid_nights: 2 })
      .returning("id")
      .executeTakeFirstOrThrow();
    activityIds[s.key] = row.id;
    await db.insertInto("activity_staff").values({ activity_id: row.id, member_id: memberIds[s.staff] }).execute();
  }
  const day = await db
    .insertInto("activities")
    .values({ partnership_id: partnershipId, organisation_id: orgIds.convictus!, key: "dag-convictus", name: "Convictus dagcenter", kind: "day", places: 60, places_women: 0, nights_per_grant: null, nights_per_grant_women: null, karenstid_nights: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  activityIds["dag-convictus"] = day.id;
  await db.insertInto("activity_staff").values({ activity_id: day.id, member_id: memberIds.dayStaff }).execute();
  for (const [platform, conversation] of Object.entries(ALERT_CHANNELS) as [Platform, string][]) {
    await db.insertInto("channels").values({ partnership_id: partnershipId, platform, conversation, purpose: "alerts", group_id: null }).execute();
  }
  await db
    .insertInto("cold_night_settings")
    .values({ partnership_id: partnershipId, threshold_c: -7, season_from: "11-01", season_to: "03-31", latitude: 59.339222, longitude: 18.089437, forecast_time: "14:00", escalation_minutes: [15, 30, 45], declarer_roles: ["samordning", "coordinator", "shelter_staff"], close_time: "09:00" })
    .execute();
  await db.insertInto("incident_settings").values({ partnership_id: partnershipId, ack_minutes: 30, channel_notice: true, retention_days: 365 }).execute();
  return { memberIds, activityIds };
}

/** The texts of the card as it last looked on a platform (the last post or in-place update of it). */
export function latestCard(chat: RecordingChat, channelRef: string): { text: string; ref: string } | undefined {
  const post = chat.calls.find((c) => c.op === "post" && c.conversation === channelRef);
  if (post === undefined || post.op !== "post") return undefined;
  const updates = chat.calls.filter((c) => c.op === "update" && c.ref === post.ref);
  const last = updates.at(-1);
  return { text: messageText(last !== undefined && last.op === "update" ? last.message : post.message), ref: post.ref };
}
