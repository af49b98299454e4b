import { sql } from "kysely";
import { roleNames } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import { isUuid } from "../shared/uuid.ts";

/** Forgets what a chat adapter keeps about platform users (conversation references, pending forms); returns rows removed. */
export type ForgetPlatformUsers = (db: Db, platformUserIds: readonly string[]) => Promise<number>;

/** A member by id (uuid) or `<partnership>/<member key>`, as an admin names them; undefined when unknown. */
export async function resolveMember(db: Db, id: string): Promise<{ id: string; partnershipId: string; displayName: string } | undefined> {
  let query = db.selectFrom("members").select(["id", "partnership_id", "display_name"]);
  if (isUuid(id)) query = query.where("id", "=", id);
  else {
    const [partnershipId, key] = id.split("/");
    if (partnershipId === undefined || key === undefined || key === "") return undefined;
    query = query.where("partnership_id", "=", partnershipId).where("key", "=", key);
  }
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, partnershipId: row.partnership_id, displayName: row.display_name };
}

/**
 * Everything Samverka keeps about one member, for a data subject access request: who they are, where they sit, what
 * they did (the audit trail, reports, alerts, meetings) and what was sent to them. Incident descriptions are not
 * included: they are the employer's record about other people, under social-services secrecy.
 */
export async function exportMemberData(db: Db, memberId: string): Promise<Record<string, unknown>> {
  const member = await db.selectFrom("members").selectAll().where("id", "=", memberId).executeTakeFirstOrThrow();
  const by = <T>(rows: Promise<T[]>) => rows;
  return {
    member: {
      id: member.id,
      partnership: member.partnership_id,
      key: member.key,
      name: member.display_name,
      roles: member.roles,
      locale: member.locale,
      organisation: member.organisation_id,
      active: member.active,
    },
    identities: await by(
      db
        .selectFrom("member_identities")
        .select(["platform", "platform_user_id as userId", "position"])
        .where("member_id", "=", memberId)
        .orderBy("position")
        .execute(),
    ),
    groups: await by(
      db
        .selectFrom("group_members as gm")
        .innerJoin("groups as g", "g.id", "gm.group_id")
        .select(["g.name", "gm.role"])
        .where("gm.member_id", "=", memberId)
        .execute(),
    ),
    activities: await by(
      db
        .selectFrom("activity_staff as s")
        .innerJoin("activities as a", "a.id", "s.activity_id")
        .select(["a.name"])
        .where("s.member_id", "=", memberId)
        .execute(),
    ),
    auditTrail: await by(
      db
        .selectFrom("audit_events")
        .select(["action", "subject_type as subjectType", "subject_id as subjectId", "at"])
        .where("actor_member_id", "=", memberId)
        .orderBy("at")
        .execute(),
    ),
    reportsSubmitted: await by(
      db
        .selectFrom("report_versions")
        .select(["report_id as reportId", "version", "submitted_at as at", "via"])
        .where("submitted_by", "=", memberId)
        .orderBy("submitted_at")
        .execute(),
    ),
    incidentsReported: await by(
      db
        .selectFrom("incidents")
        .select(["id", "occurred_at as occurredAt", "kind", "severity"])
        .where("reported_by", "=", memberId)
        .orderBy("occurred_at")
        .execute(),
    ),
    coldNightsDeclared: await by(db.selectFrom("cold_night_alerts").select(["id", "night"]).where("declared_by", "=", memberId).execute()),
    coldNightAnswers: await by(
      db
        .selectFrom("cold_night_responses")
        .select(["alert_id as alertId", "answer", "extra_places as extraPlaces", "answered_at as at"])
        .where("answered_by", "=", memberId)
        .execute(),
    ),
    meetingAnswers: await by(
      db.selectFrom("meeting_rsvps").select(["meeting_id as meetingId", "answer", "comment", "answered_at as at"]).where("member_id", "=", memberId).execute(),
    ),
    agendaItems: await by(
      db.selectFrom("agenda_items").select(["text", "proposed_for_meeting_id as meetingId"]).where("proposed_by_member_id", "=", memberId).execute(),
    ),
    actionItems: await by(db.selectFrom("action_items").select(["text", "due_date as due", "status"]).where("owner_member_id", "=", memberId).execute()),
    formDrafts: await by(
      db.selectFrom("form_sessions").select(["subject", "status", "state", "updated_at as updatedAt"]).where("member_id", "=", memberId).execute(),
    ),
    messagesToThem: await by(
      db.selectFrom("outbox").select(["key", "status", "sent_at as sentAt"]).where("member_id", "=", memberId).orderBy("created_at").execute(),
    ),
  };
}

/** What an erasure did, table by table. */
export type ErasureCounts = Record<string, number>;

/**
 * Erases a member while keeping what the partnership's records need: every count and every record they took part in
 * stays, with their name replaced by their role ("Tidigare medlem (samordningsfunktionen)") in the member row and in
 * the stored messages; their platform identities, drafts, pending messages and what the chat adapters kept about them
 * are deleted, and they are deactivated. One transaction; the erasure is recorded in the audit trail.
 */
export async function eraseMember(
  db: Db,
  memberId: string,
  options: { now: Date; forget: readonly ForgetPlatformUsers[] },
): Promise<{ replacedBy: string; counts: ErasureCounts }> {
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom("members as m")
      .innerJoin("partnerships as p", "p.id", "m.partnership_id")
      .select(["m.id", "m.partnership_id", "m.display_name", "m.roles", "p.locale"])
      .where("m.id", "=", memberId)
      .executeTakeFirstOrThrow();
    const replacedBy = roleLabel(member.roles, member.locale as Locale);
    const userIds = (await trx.selectFrom("member_identities").select("platform_user_id").where("member_id", "=", memberId).execute()).map(
      (r) => r.platform_user_id,
    );
    const counts: ErasureCounts = {};
    const count = (name: string, n: bigint | number | undefined) => void (counts[name] = Number(n ?? 0));

    // Their name in messages recorded for others (a card's "Fullt (Siv …)", a report's "Rapporterad av"): the role instead.
    const [from, to] = [JSON.stringify(member.display_name).slice(1, -1), JSON.stringify(replacedBy).slice(1, -1)];
    const renamed =
      await sql`update outbox set content = replace(content::text, ${from}, ${to})::jsonb where partnership_id = ${member.partnership_id} and strpos(content::text, ${from}) > 0`.execute(
        trx,
      );
    count("storedMessagesRenamed", renamed.numAffectedRows);
    count("messagesToThemDeleted", (await trx.deleteFrom("outbox").where("member_id", "=", memberId).executeTakeFirst()).numDeletedRows);
    count("formDraftsDeleted", (await trx.deleteFrom("form_sessions").where("member_id", "=", memberId).executeTakeFirst()).numDeletedRows);
    // The answers stay (they are counted in the tallies); the comments are their own words, which may be about themselves.
    count(
      "rsvpCommentsCleared",
      (await trx.updateTable("meeting_rsvps").set({ comment: null }).where("member_id", "=", memberId).where("comment", "is not", null).executeTakeFirst())
        .numUpdatedRows,
    );
    count("confirmationsDeleted", (await trx.deleteFrom("free_text_confirmations").where("member_id", "=", memberId).executeTakeFirst()).numDeletedRows);
    if (userIds.length > 0) {
      count(
        "partnershipChoicesDeleted",
        (await trx.deleteFrom("partnership_choices").where("platform_user_id", "in", userIds).executeTakeFirst()).numDeletedRows,
      );
      let forgotten = 0;
      for (const forget of options.forget) forgotten += await forget(trx, userIds);
      count("platformRecordsDeleted", forgotten);
    }
    count("identitiesDeleted", (await trx.deleteFrom("member_identities").where("member_id", "=", memberId).executeTakeFirst()).numDeletedRows);
    await trx
      .updateTable("members")
      .set({ display_name: replacedBy, key: `erased-${memberId.slice(0, 8)}`, active: false, deactivated_at: options.now })
      .where("id", "=", memberId)
      .execute();
    await trx
      .insertInto("audit_events")
      .values({
        partnership_id: member.partnership_id,
        actor_member_id: null,
        action: "member.erased",
        subject_type: "member",
        subject_id: memberId,
        details: JSON.stringify(counts),
        at: options.now,
      })
      .execute();
    return { replacedBy, counts };
  });
}

/** "Tidigare medlem (samordningsfunktionen)": what an erased member is called from now on. */
function roleLabel(roles: readonly string[], locale: Locale): string {
  const t = createTranslator(roleNames, locale);
  const known = roles.filter((r): r is Parameters<typeof t>[0] => r in roleNames[locale]);
  const former = locale === "en" ? "Former member" : "Tidigare medlem";
  return known.length === 0 ? former : `${former} (${known.map((r) => t(r)).join(", ")})`;
}
