import { Document, isScalar, visit } from "yaml";
import type { Db } from "../db/database.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { z } from "zod";
import type { PartnershipFile } from "./partnership-file.schema.ts";
import type { PartnershipSection } from "./partnership-section.ts";
import { exportPeople } from "./export-people.ts";

const SEAT_ORDER = ["chair", "secretary", "member"];

/**
 * The active state of a partnership, with what each section exports, as a file (checked by `schema`, the composition
 * of the same sections) that re-imports without changes; undefined if there is none.
 */
export async function exportPartnership(
  db: Db,
  partnershipId: string,
  sections: readonly PartnershipSection[],
  schema: z.ZodType<PartnershipFile>,
): Promise<PartnershipFile | undefined> {
  const p = await db.selectFrom("partnerships").selectAll().where("id", "=", partnershipId).executeTakeFirst();
  if (p === undefined) return undefined;
  const people = await exportPeople(db, partnershipId, p.locale);
  const keyOf = (map: Map<string, string>, id: string | null) => (id === null ? undefined : map.get(id));

  const groups = await db.selectFrom("groups").selectAll().where("partnership_id", "=", partnershipId).where("active", "=", true).orderBy("key").execute();
  const seats = await db
    .selectFrom("group_members")
    .innerJoin("members", "members.id", "group_members.member_id")
    .select(["group_members.group_id", "group_members.role", "members.key"])
    .where("members.partnership_id", "=", partnershipId)
    .where("members.active", "=", true)
    .orderBy("members.key")
    .execute();
  const groupKeys = new Map(groups.map((g) => [g.id, g.key]));
  const channels = await db
    .selectFrom("channels")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("active", "=", true)
    .orderBy("platform")
    .orderBy("purpose")
    .orderBy("conversation")
    .execute();
  const activities = await db
    .selectFrom("activities")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("active", "=", true)
    .orderBy("key")
    .execute();
  const staff = await db
    .selectFrom("activity_staff")
    .innerJoin("members", "members.id", "activity_staff.member_id")
    .select(["activity_staff.activity_id", "members.key"])
    .where("members.active", "=", true)
    .orderBy("members.key")
    .execute();
  const exported: Record<string, unknown> = {};
  for (const section of sections) {
    const value = await section.export(db, partnershipId);
    if (value !== undefined) exported[section.key] = value;
  }

  const file = {
    id: p.id,
    name: p.name,
    city: p.city,
    timeZone: p.time_zone,
    locale: p.locale,
    period: {
      start: p.period_start,
      end: p.period_end,
      ...(p.extension_step_months !== null && p.extension_until !== null
        ? {
            extension: {
              stepMonths: p.extension_step_months,
              until: p.extension_until,
              ...(p.extension_deadline === null ? {} : { agreementDeadline: p.extension_deadline }),
            },
          }
        : {}),
    },
    organisations: people.organisations,
    cityUnits: people.cityUnits,
    groups: groups.map((g) => ({
      key: g.key,
      kind: g.kind,
      name: g.name,
      cadence: g.cadence_kind === "term" ? { perTerm: true } : { atLeastEveryMonths: g.cadence_months },
      meetings: g.meeting_settings,
      members: seats
        .filter((s) => s.group_id === g.id)
        .sort((a, b) => SEAT_ORDER.indexOf(a.role) - SEAT_ORDER.indexOf(b.role) || a.key.localeCompare(b.key))
        .map((s) => ({ member: s.key, role: s.role })),
    })),
    members: people.members,
    channels: channels.map((c) => ({
      platform: c.platform,
      conversation: c.conversation,
      purpose: c.purpose,
      ...(c.group_id === null ? {} : { group: keyOf(groupKeys, c.group_id) }),
    })),
    activities: activities.map((a) => ({
      key: a.key,
      name: a.name,
      organisation: keyOf(people.organisationKeys, a.organisation_id),
      kind: a.kind,
      places: a.places,
      placesWomen: a.places_women,
      ...(a.nights_per_grant === null ? {} : { nightsPerGrant: a.nights_per_grant }),
      ...(a.nights_per_grant_women === null ? {} : { nightsPerGrantWomen: a.nights_per_grant_women }),
      ...(a.karenstid_nights === null ? {} : { karenstidNights: a.karenstid_nights }),
      staff: staff.filter((s) => s.activity_id === a.id).map((s) => s.key),
    })),
    ...exported,
  };
  // The stored state always came through the schema; if it no longer passes, say so rather than write a broken file.
  const parsed = schema.safeParse(file);
  if (!parsed.success) {
    throw new SamverkaError("internal", `Partnership ${partnershipId} cannot be exported as a valid file: ${parsed.error.message}`, { cause: parsed.error });
  }
  // The parsed file lists every object's keys in schema order, not in the order jsonb stored them.
  return parsed.data;
}

const SMALL_MAP = 5;

/** Writes a partnership file as YAML, with a header saying where it came from. */
export function stringifyPartnershipFile(file: PartnershipFile, header: string): string {
  const doc = new Document(file);
  doc.commentBefore = ` ${header}`;
  visit(doc, {
    Map: (_, map) => {
      // Small maps of plain values (an organisation, a cadence, a seat) read best on one line, as in the examples.
      if (map.items.length <= SMALL_MAP && map.items.every((pair) => isScalar(pair.value))) map.flow = true;
    },
    Seq: (_, seq) => {
      if (seq.items.every((item) => isScalar(item))) seq.flow = true;
    },
    Scalar: (_, scalar) => {
      // Dates and times are strings; quoted, no YAML 1.1 reader takes them for dates or sexagesimal numbers.
      if (typeof scalar.value === "string" && /^[0-9][0-9:-]*$/.test(scalar.value)) scalar.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}
