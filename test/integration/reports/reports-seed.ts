import type { Db } from "../../../src/db/database.ts";
import { seedPartnership } from "../../helpers/seed.ts";

/** Half-yearly follow-up, due 30 days after the half-year, reminders 7 and 1 days before, on the day and 2 days after. */
export const SETTINGS = {
  coordinator: "cecilia",
  reminderOffsetsDays: [-7, -1, 0, 2],
  cycles: [{ form: "uppfoljning", period: "half-year", opensDaysBeforeEnd: 14, deadlineDaysAfterEnd: 30 }],
  extensionReminderDaysBefore: [60, 30, 7],
};

type Identities = { slack?: string; teams?: string };

/**
 * Partnership `eu`: Anna coordinates Convictus, Bertil Frälsningsarmén, Cecilia (admin) is the partnership's
 * report coordinator, David is shelter staff at Convictus.
 */
export async function seedReportingPartnership(
  db: Db,
  users: { anna: Identities; bertil: Identities; cecilia: Identities; david: Identities },
): Promise<{ members: Record<string, string>; organisations: Record<string, string> }> {
  const members = await seedPartnership(db, "eu", [
    { key: "anna", name: "Anna Andersson", roles: ["coordinator"], ...users.anna },
    { key: "bertil", name: "Bertil Berg", roles: ["coordinator"], ...users.bertil },
    { key: "cecilia", name: "Cecilia City", roles: ["admin"], ...users.cecilia },
    { key: "david", name: "David Dag", roles: ["shelter_staff"], ...users.david },
  ]);
  const organisations: Record<string, string> = {};
  for (const [key, name, orgNumber, staff] of [
    ["convictus", "Convictus", "802012-1581", ["anna", "david"]],
    ["fralsningsarmen", "Frälsningsarmén", "802006-1688", ["bertil"]],
  ] as const) {
    const row = await db
      .insertInto("organisations")
      .values({ partnership_id: "eu", key, name, org_number: orgNumber })
      .returning("id")
      .executeTakeFirstOrThrow();
    organisations[key] = row.id;
    await db
      .updateTable("members")
      .set({ organisation_id: row.id })
      .where(
        "id",
        "in",
        staff.map((m) => members[m]!),
      )
      .execute();
  }
  await db
    .insertInto("report_settings")
    .values({ partnership_id: "eu", settings: JSON.stringify(SETTINGS) })
    .execute();
  return { members, organisations };
}
