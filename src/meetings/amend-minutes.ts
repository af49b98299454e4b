import type { Block, Compose, Message } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import type { Audience } from "../outbox/index.ts";
import { recordToGroup } from "./group.notices.ts";
import { lockMeeting, type Meeting } from "./meeting.repository.ts";
import { listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { meetingFacts, translatorFor } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";

/** One version of a meeting's minutes, with who recorded it. */
export interface MinutesVersion {
  version: number;
  decisions: string[];
  note: string | null;
  recordedBy: string | null;
  recordedAt: Date;
}

/** Every version of a meeting's minutes, latest first. */
export async function minutesVersions(db: Db, meetingId: string): Promise<MinutesVersion[]> {
  const rows = await db
    .selectFrom("minutes_versions as v")
    .leftJoin("members as m", "m.id", "v.recorded_by_member_id")
    .select(["v.version", "v.decisions", "v.note", "m.display_name", "v.recorded_at"])
    .where("v.meeting_id", "=", meetingId)
    .orderBy("v.version", "desc")
    .execute();
  return rows.map((r) => ({ version: r.version, decisions: r.decisions, note: r.note, recordedBy: r.display_name, recordedAt: r.recorded_at }));
}

/**
 * Amends held minutes as one unit of work: a new version is kept beside the earlier ones, the decision register
 * takes the new decisions, and the group is told what changed (its channel, and a styrgrupp's members directly).
 * Returns the new version number, or undefined when the meeting has no minutes to amend.
 */
export async function amendMinutes(
  deps: MeetingsDeps,
  group: MeetingGroup,
  meeting: Meeting,
  change: { decisions: string[]; note: string; by: string; request?: string },
): Promise<number | undefined> {
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const locked = await lockMeeting(tx.db, meeting.id);
    if (locked === undefined || locked.status !== "held" || locked.minutesAt === null) return undefined;
    // The same request handled again (after a crash) finds the version it made.
    const earlier =
      change.request === undefined
        ? undefined
        : await tx.db.selectFrom("minutes_versions").select("version").where("request_key", "=", change.request).executeTakeFirst();
    if (earlier !== undefined) return earlier.version;
    const [latest] = await minutesVersions(tx.db, meeting.id);
    const version = (latest?.version ?? 0) + 1;
    await tx.db
      .insertInto("minutes_versions")
      .values({
        meeting_id: meeting.id,
        version,
        decisions: JSON.stringify(change.decisions),
        note: change.note,
        recorded_by_member_id: change.by,
        recorded_at: now,
        request_key: change.request ?? null,
      })
      .execute();
    await tx.db.deleteFrom("meeting_decisions").where("meeting_id", "=", meeting.id).execute();
    if (change.decisions.length > 0) {
      await tx.db
        .insertInto("meeting_decisions")
        .values(change.decisions.map((text, position) => ({ meeting_id: meeting.id, position, text })))
        .execute();
    }
    await tx.db
      .insertInto("audit_events")
      .values({
        partnership_id: group.partnershipId,
        actor_member_id: change.by,
        action: "meetings.minutes-amended",
        subject_type: "meeting",
        subject_id: meeting.id,
        details: JSON.stringify({ version }),
        at: now,
      })
      .execute();
    const seats = await listSeats(tx.db, group.id);
    const by = seats.find((s) => s.memberId === change.by)?.displayName ?? "?";
    const notice = composeMinutesView(group, locked, { version, decisions: change.decisions, note: change.note, recordedBy: by, recordedAt: now }, "amended");
    await recordToGroup(tx, group, group.kind === "styrgrupp" ? seats.map((s) => s.memberId) : [], notice, {
      key: `meeting:${meeting.id}:minutes:v${version}`,
    });
    return version;
  });
}

/** The minutes as they stand (or, `amended`, the notice that they changed): facts, version, decisions. */
export function composeMinutesView(group: MeetingGroup, meeting: Meeting, current: MinutesVersion, as: "view" | "amended"): Compose {
  return (audience: Audience): Message => {
    const t = translatorFor(audience);
    const title =
      as === "amended"
        ? t("minutes.amended.title", { group: group.name, at: meeting.startsAt, version: current.version })
        : t("minutes.title", { group: group.name, at: meeting.startsAt });
    const blocks: Block[] = [
      { type: "heading", text: title },
      meetingFacts(t, audience, group, meeting),
      {
        type: "text",
        text:
          current.note === null
            ? t("minutes.version.first", { version: current.version, at: current.recordedAt })
            : t("minutes.version.amended", { version: current.version, at: current.recordedAt, by: current.recordedBy ?? "?", note: current.note }),
      },
      { type: "heading", text: t("minutes.decisions") },
      current.decisions.length === 0 ? { type: "text", text: t("minutes.noDecisions") } : { type: "list", items: current.decisions },
    ];
    return { text: title, blocks };
  };
}
