import { DateTime } from "luxon";
import type { Actor } from "../app/feature.ts";
import { hasAnyRole } from "../partnerships/index.ts";
import type { Db } from "../db/database.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { groupIdsOfMember, listGroups } from "./meeting-group.repository.ts";

/** What `beslut` was asked for: words every decision must contain, a period, and which groups. */
export interface DecisionQuery {
  words: string[];
  from?: string;
  to?: string;
  groupIds: string[];
}

/** One decision, with the meeting it was taken at. */
export interface RegisteredDecision {
  meetingId: string;
  groupId: string;
  startsAt: Date;
  text: string;
}

const PERIOD = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const FILLER = new Set(["från", "fran", "till", "from", "to", "until", "–", "-"]);

/** The first and last day a period token (`2027`, `2027-03`, `2027-03-14`) covers, or undefined when it is none. */
function periodOf(token: string): { from: string; to: string } | undefined {
  const m = PERIOD.exec(token);
  if (m === null) return undefined;
  const start = DateTime.fromISO(token.length === 4 ? `${token}-01-01` : token.length === 7 ? `${token}-01` : token, { zone: "utc" });
  if (!start.isValid) return undefined;
  const end = m[3] !== undefined ? start : m[2] !== undefined ? start.endOf("month") : start.endOf("year");
  return { from: start.toISODate(), to: end.toISODate() };
}

/**
 * Reads `beslut`'s words: a group's key or name narrows to that group, `2027` / `2027-03` / `2027-03-14` (one or two
 * of them, for a span) gives the period, and the remaining words must all occur in the decision.
 */
export function parseDecisionQuery(args: string, groups: readonly Pick<MeetingGroup, "id" | "key" | "name">[]): DecisionQuery {
  const words: string[] = [];
  const periods: { from: string; to: string }[] = [];
  const groupIds: string[] = [];
  for (const token of args.split(/\s+/).filter((w) => w !== "")) {
    const lower = token.toLowerCase();
    const group = groups.find((g) => g.key.toLowerCase() === lower || g.name.toLowerCase() === lower);
    const period = periodOf(token);
    if (group !== undefined) groupIds.push(group.id);
    else if (period !== undefined) periods.push(period);
    else if (!FILLER.has(lower)) words.push(token);
  }
  const [first, last] = [periods[0], periods.at(-1)];
  return { words, groupIds, ...(first === undefined ? {} : { from: first.from }), ...(last === undefined ? {} : { to: last.to }) };
}

/** The groups whose decisions an actor may read: their own, or every group of the partnership for its coordinators. */
export async function readableGroups(db: Db, actor: Actor): Promise<MeetingGroup[]> {
  const groups = await listGroups(db, actor.partnership.id);
  if (hasAnyRole(actor.member, ["admin", "coordinator", "samordning"])) return groups;
  const mine = new Set(await groupIdsOfMember(db, actor.member.id));
  return groups.filter((g) => mine.has(g.id));
}

/** The decisions matching the query in the given groups, newest meeting first; at most `limit`. */
export async function findDecisions(db: Db, groups: readonly MeetingGroup[], query: DecisionQuery, limit: number): Promise<RegisteredDecision[]> {
  const ids = query.groupIds.length > 0 ? query.groupIds.filter((id) => groups.some((g) => g.id === id)) : groups.map((g) => g.id);
  if (ids.length === 0) return [];
  const zone = groups[0]!.timeZone;
  let q = db
    .selectFrom("meeting_decisions as d")
    .innerJoin("meetings as m", "m.id", "d.meeting_id")
    .select(["m.id as meetingId", "m.group_id as groupId", "m.starts_at as startsAt", "d.text"])
    .where("m.group_id", "in", ids)
    .where("m.status", "=", "held");
  if (query.from !== undefined) q = q.where("m.starts_at", ">=", DateTime.fromISO(query.from, { zone }).toJSDate());
  if (query.to !== undefined) q = q.where("m.starts_at", "<", DateTime.fromISO(query.to, { zone }).plus({ days: 1 }).toJSDate());
  // Every word, anywhere in the decision, in any case; % and _ in a word are taken literally.
  for (const word of query.words) q = q.where("d.text", "ilike", `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q.orderBy("m.starts_at", "desc").orderBy("d.position").limit(limit).execute();
}
