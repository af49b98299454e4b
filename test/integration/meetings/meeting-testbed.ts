import ICAL from "ical.js";
import { afterAll, beforeAll } from "vitest";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import { createChatRouter, type InboundEvent, type InboundHandler } from "../../../src/chat/index.ts";
import { createMeetingsFeature } from "../../../src/meetings/index.ts";
import { planGroupMeetings } from "../../../src/meetings/plan-meetings.ts";
import type { MeetingsDeps } from "../../../src/meetings/meetings.deps.ts";
import { listGroups, type MeetingGroup } from "../../../src/meetings/meeting-group.repository.ts";
import { createReminderProcessor, type ProcessReminder } from "../../../src/reminders/index.ts";
import { createManualClock, type ManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createRecordingChat, type RecordingChat } from "../../helpers/recording-chat.ts";
import { recordAnswers, type RecordedAnswers } from "../../helpers/recording-reply.ts";
import { seedStyrgrupp } from "./meeting-seed.ts";
import { createTestCoreDeps } from "../../helpers/core-deps.ts";
import { createOutboxRunner, type OutboxRunner } from "../../helpers/inline-outbox.ts";
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from "../../helpers/test-database.ts";

/** People of the test partnership: Slack user ids by member key. */
export const PEOPLE = { anna: "UANNA", bo: "UBO", cecilia: "UCECILIA", david: "UDAVID" } as const;

/** What one reply to an inbound event did. */
export type RecordedReply = RecordedAnswers;

/**
 * A partnership with one styrgrupp, the real router, unit of work (outbox and reminder rows), reminder processor and
 * outbox delivery; the chat is recorded. What a use case records is delivered when the test runs the outbox:
 * `fire` and `send` do it after their step, as the outbox worker would right after the commit.
 */
export interface MeetingTestbed {
  db: TestDatabase;
  chat: RecordingChat;
  clock: ManualClock;
  deps: MeetingsDeps;
  router: InboundHandler;
  processReminder: ProcessReminder;
  outbox: OutboxRunner;
  group: MeetingGroup;
  ids: Record<string, string>;
  /** Runs the reminder with `key` as its job would, at its due time, then delivers what it recorded. */
  fire(key: string): Promise<void>;
  /** Runs a stale job (the row id with a due time it no longer has), then delivers anything it recorded. */
  fireStale(job: { reminderId: string; dueAt: Date }): Promise<void>;
  /** Handles an event from `user`, then delivers what it recorded. */
  send(user: keyof typeof PEOPLE, event: DistributiveOmit<InboundEvent, "user">): Promise<{ result: unknown; replies: RecordedReply }>;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Records answers as a Slack channel gives them: said there, or shown to the person alone. */
export function recordingReply(): RecordedReply {
  return recordAnswers();
}

/** Anna sends the move form (`state` names the meeting) with a new date and time. */
/** Plans the styrgrupp's meetings from October 2026 to June 2027, their reminders included, as the tests start from. */
export function planTestbedMeetings(tb: MeetingTestbed) {
  return planGroupMeetings(tb.db.db, tb.group, { from: "2026-10-01", until: "2027-06-30" }, tb.clock.now(), { reminders: tb.deps.reminders });
}

/** A testbed for the file's tests with the styrgrupp's meetings planned (see `planTestbedMeetings`), closed after them. */
export function usePlannedTestbed(): () => MeetingTestbed {
  let tb: MeetingTestbed | undefined;
  beforeAll(async () => {
    tb = await createMeetingTestbed();
    await planTestbedMeetings(tb);
  });
  afterAll(async () => {
    await tb?.close();
  });
  return () => tb!;
}

export function submitMoveForm(tb: MeetingTestbed, state: string, date: string, time: string) {
  return tb.send("anna", { type: "form", conversation: "slack:dm-UANNA", formId: "meeting.move", state, values: { date, time } });
}

export async function createMeetingTestbed(): Promise<MeetingTestbed> {
  const db = await createTestDatabase();
  db.pool.on("error", () => undefined);
  const clock = createManualClock("2026-10-01T07:00:00Z");
  const { ids } = await seedStyrgrupp(db.db, "slack", PEOPLE, "CSTYR");

  const chat = createRecordingChat("slack");
  const chats = new Map([["slack" as const, chat]]);
  const runtime: JobRuntime = createJobRuntime({ redisUrl: TEST_REDIS_URL, prefix: uniqueName("meetings"), clock, logger: silentLogger });
  // The test delivers the outbox itself (below).
  const deps: MeetingsDeps = {
    ...createTestCoreDeps({ db: db.db, clock, reminderQueue: runtime.reminderQueue, platforms: () => new Set(chats.keys()) }),
    channelIdOf: (_platform, ref) => chat.channelIdOf(ref),
  };
  const feature = createMeetingsFeature(deps);
  const router = createChatRouter({ db: db.db, chats, features: [feature], logger: silentLogger, defaultLocale: "sv" });
  const processReminder = createReminderProcessor({ db: db.db, handlers: feature.reminders ?? [], clock, logger: silentLogger });
  const outbox = createOutboxRunner({ db: db.db, chats, renderers: feature.renderers ?? [], clock });
  const [meetingGroup] = await listGroups(db.db, "eu-sthlm");

  return {
    db,
    chat,
    clock,
    deps,
    router,
    processReminder,
    outbox,
    group: meetingGroup!,
    ids,
    async fire(key) {
      const row = await db.db.selectFrom("reminders").selectAll().where("key", "=", key).executeTakeFirstOrThrow();
      if (clock.now() < row.due_at) clock.set(row.due_at);
      await processReminder({ reminderId: row.id, dueAt: row.due_at });
      await outbox.deliver();
    },
    async fireStale(job) {
      await processReminder(job);
      await outbox.deliver();
    },
    async send(user, event) {
      const replies = recordingReply();
      const result = await router.handle({ ...event, user: { platform: "slack", userId: PEOPLE[user] } }, replies.port);
      await outbox.deliver();
      return { result, replies };
    },
    async close() {
      await runtime.close();
      await db.drop();
    },
  };
}

/** Parses a calendar file with ical.js, as a calendar client would. */
export function parseCalendar(content: Buffer): {
  method: string;
  uid: string;
  sequence: number;
  start: Date;
  status: string;
  attendees: string[];
  location: string | null;
} {
  const text = content.toString("utf8");
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const tz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const reparsed = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const vevent = reparsed.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(reparsed.getFirstPropertyValue("method")),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    status: String(vevent.getFirstPropertyValue("status")),
    // "CN <ROLE> value", the way a reader checks who is invited.
    attendees: event.attendees.map((a) => `${String(a.getParameter("cn"))} <${String(a.getParameter("role"))}> ${String(a.getFirstValue())}`),
    location: event.location ?? null,
  };
}
