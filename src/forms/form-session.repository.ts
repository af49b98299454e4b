import type { Selectable } from "kysely";
import type { Db } from "../db/database.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { FormDefinition, LocalizedText } from "./form-definition.ts";
import type { ConversationState } from "./form-conversation.ts";
import type { FormSessionTable } from "./forms.tables.ts";

export type FormSessionStatus = FormSessionTable["status"];

/** A stored conversation: the definition it runs on, where it stands, and whose it is. */
export interface FormSession {
  id: string;
  partnershipId: string;
  memberId: string;
  subject: string;
  actionPrefix: string;
  definition: FormDefinition;
  title: LocalizedText;
  state: ConversationState;
  status: FormSessionStatus;
  revision: number;
  updatedAt: Date;
}

/** A new session as its owner describes it. */
export type NewFormSession = Pick<FormSession, "partnershipId" | "memberId" | "subject" | "actionPrefix" | "definition" | "title" | "state">;

/** Reads and writes form sessions; every write checks the revision it read. */
export function createFormSessionRepository(db: Db) {
  const base = () => db.selectFrom("form_sessions").selectAll();
  return {
    async byId(id: string): Promise<FormSession | undefined> {
      const row = await base().where("id", "=", id).executeTakeFirst();
      return row && toSession(row);
    },
    async activeFor(memberId: string): Promise<FormSession | undefined> {
      const row = await base().where("member_id", "=", memberId).where("status", "=", "active").executeTakeFirst();
      return row && toSession(row);
    },
    /** The member's most recently touched paused session. */
    async lastPausedFor(memberId: string): Promise<FormSession | undefined> {
      const row = await base().where("member_id", "=", memberId).where("status", "=", "paused").orderBy("updated_at", "desc").limit(1).executeTakeFirst();
      return row && toSession(row);
    },
    /** The open (active or paused) session for this subject and member. */
    async openFor(subject: string, memberId: string): Promise<FormSession | undefined> {
      const row = await base().where("subject", "=", subject).where("member_id", "=", memberId).where("status", "in", ["active", "paused"]).executeTakeFirst();
      return row && toSession(row);
    },
    /** Every open session for a subject, whoever holds it. */
    async openForSubject(subject: string): Promise<FormSession[]> {
      const rows = await base().where("subject", "=", subject).where("status", "in", ["active", "paused"]).execute();
      return rows.map(toSession);
    },
    async insert(session: NewFormSession, status: FormSessionStatus, now: Date): Promise<FormSession> {
      const row = await db
        .insertInto("form_sessions")
        .values({
          partnership_id: session.partnershipId,
          member_id: session.memberId,
          subject: session.subject,
          action_prefix: session.actionPrefix,
          definition: JSON.stringify(session.definition),
          title: JSON.stringify(session.title),
          state: JSON.stringify(session.state),
          status,
          revision: 0,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSession(row);
    },
    /** Saves state and status if nobody saved since `session` was read; throws a retryable conflict otherwise. */
    async save(session: FormSession, changes: { state?: ConversationState; status?: FormSessionStatus }, now: Date): Promise<FormSession> {
      const row = await db
        .updateTable("form_sessions")
        .set({
          ...(changes.state === undefined ? {} : { state: JSON.stringify(changes.state) }),
          ...(changes.status === undefined ? {} : { status: changes.status }),
          revision: session.revision + 1,
          updated_at: now,
        })
        .where("id", "=", session.id)
        .where("revision", "=", session.revision)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) throw new SamverkaError("conflict", "The form was changed by another message at the same moment.", { retryable: true });
      return toSession(row);
    },
    /** Deletes completed and cancelled sessions last touched before `before`; returns how many. */
    async deleteClosedBefore(before: Date): Promise<number> {
      const result = await db.deleteFrom("form_sessions").where("status", "in", ["completed", "cancelled"]).where("updated_at", "<", before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    /** Cancels every open session whose subject starts with `prefix`; returns how many. */
    async cancelOpenByPrefix(prefix: string, now: Date): Promise<number> {
      const result = await db
        .updateTable("form_sessions")
        .set((eb) => ({ status: "cancelled", revision: eb("revision", "+", 1), updated_at: now }))
        .where("subject", "like", `${prefix.replace(/[\\%_]/g, "\\$&")}%`)
        .where("status", "in", ["active", "paused"])
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /** Pauses every active session of the member (before another one becomes active). */
    async pauseActive(memberId: string, now: Date): Promise<void> {
      await db
        .updateTable("form_sessions")
        .set((eb) => ({ status: "paused", revision: eb("revision", "+", 1), updated_at: now }))
        .where("member_id", "=", memberId)
        .where("status", "=", "active")
        .execute();
    },
  };
}

function toSession(row: Selectable<FormSessionTable>): FormSession {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    memberId: row.member_id,
    subject: row.subject,
    actionPrefix: row.action_prefix,
    definition: row.definition as unknown as FormDefinition,
    title: row.title,
    state: row.state as unknown as ConversationState,
    status: row.status,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}
