import type { Platform } from "../../../src/chat/chat-port.ts";
import type { Db } from "../../../src/db/database.ts";
import { seedPartnership } from "../../helpers/seed.ts";

/** An agreement period that covers every date these tests plan in (planning stops at the period's end). */
export const LONG_PERIOD = { start: "2026-01-01", end: "2030-12-31" };

/** The styrgrupp of partnership `eu-sthlm`: Anna (chair, coordinator), Bo, Cecilia (secretary, English), David outside it. */
export async function seedStyrgrupp(
  db: Db,
  platform: Platform,
  identities: { anna: string; bo: string; cecilia: string; david?: string },
  channel: string,
): Promise<{ ids: Record<string, string>; groupId: string }> {
  const ids = await seedPartnership(
    db,
    "eu-sthlm",
    [
      { key: "anna", name: "Anna Ordförande", roles: ["coordinator"], [platform]: identities.anna },
      { key: "bo", name: "Bo Ledamot", [platform]: identities.bo },
      { key: "cecilia", name: "Cecilia Sekreterare", [platform]: identities.cecilia, locale: "en" },
      ...(identities.david === undefined ? [] : [{ key: "david", name: "David Utanför", [platform]: identities.david }]),
    ],
    [],
    LONG_PERIOD,
  );
  // Anna's partnership file gives her work e-mail; the others have none.
  await db.updateTable("members").set({ email: "anna.ordforande@stockholm.se" }).where("id", "=", ids.anna!).execute();
  const group = await db
    .insertInto("groups")
    .values({
      partnership_id: "eu-sthlm",
      key: "styrgrupp",
      kind: "styrgrupp",
      name: "Styrgruppen",
      cadence_kind: "months",
      cadence_months: 2,
      meeting_settings: JSON.stringify({
        pattern: { weekday: "tuesday", week: 2, time: "13:00", durationMinutes: 120, everyMonths: 2 },
        inviteDaysBefore: 14,
        agendaRequestDaysBefore: 10,
        agendaSendDaysBefore: 3,
      }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("group_members")
    .values([
      { group_id: group.id, member_id: ids.anna!, role: "chair" },
      { group_id: group.id, member_id: ids.bo!, role: "member" },
      { group_id: group.id, member_id: ids.cecilia!, role: "secretary" },
    ])
    .execute();
  await db.insertInto("channels").values({ partnership_id: "eu-sthlm", platform, conversation: channel, purpose: "group", group_id: group.id }).execute();
  return { ids, groupId: group.id };
}
