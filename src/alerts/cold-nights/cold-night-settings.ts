import { z } from "zod";
import type { Db } from "../../db/database.ts";
import {
  clockTimeSchema,
  increasingNumbers,
  keySchema,
  MEMBER_ROLES,
  monthDaySchema,
  refusedBecause,
  syncSettingsRow,
  wholeNumber,
  type PartnershipSection,
} from "../../partnerships/index.ts";

/**
 * Extra cold nights: when the forecast suggests opening extra places, who may declare it, and the escalation ladder.
 * The ladder's steps go to the shelter's staff, its organisation's coordinators, then samordning and Socialjouren at
 * `escalationMinutes`; after the last it repeats from step `escalationRepeat.fromStep` every `everyMinutes`.
 */
export const coldNightsSchema = z
  .strictObject({
    thresholdC: z.number().min(-60).max(20),
    /** Compare the feels-like temperature (air and wind, SMHI's wind chill) with the threshold, not the air temperature. */
    useFeelsLike: z.boolean().default(false),
    season: z.strictObject({ from: monthDaySchema, to: monthDaySchema }),
    coordinates: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
    forecastTime: clockTimeSchema.default("14:00"),
    escalationMinutes: increasingNumbers(1, 24 * 60)
      .min(1)
      .default([15, 30, 45]),
    escalationRepeat: z
      .strictObject({ fromStep: wholeNumber(1, 20).default(1), everyMinutes: wholeNumber(1, 24 * 60).default(30) })
      .default({ fromStep: 1, everyMinutes: 30 }),
    declarerRoles: z.array(z.enum(MEMBER_ROLES)).min(1).default(["samordning"]),
    closeTime: clockTimeSchema.default("09:00"),
    /** Who gets the bed board every night without asking (members with `roles`, or of `cityUnits`), and every change after `from`. */
    bedBoard: z
      .strictObject({
        from: clockTimeSchema.default("21:00"),
        roles: z.array(z.enum(MEMBER_ROLES)).default(["socialjouren"]),
        cityUnits: z.array(keySchema).default([]),
      })
      .default({ from: "21:00", roles: ["socialjouren"], cityUnits: [] }),
  })
  .refine((c) => c.escalationRepeat.fromStep <= c.escalationMinutes.length, { ...refusedBecause("repeat_step"), path: ["escalationRepeat", "fromStep"] });
export type ColdNightSettings = z.infer<typeof coldNightsSchema>;

/** The cold-night settings, or undefined for a partnership without extra cold nights. */
export async function loadColdNightSettings(db: Db, partnershipId: string): Promise<ColdNightSettings | undefined> {
  const row = await db.selectFrom("cold_night_settings").selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    thresholdC: row.threshold_c,
    useFeelsLike: row.use_feels_like,
    season: { from: row.season_from, to: row.season_to },
    coordinates: { lat: row.latitude, lon: row.longitude },
    forecastTime: row.forecast_time,
    escalationMinutes: row.escalation_minutes,
    escalationRepeat: { fromStep: row.escalation_repeat_from, everyMinutes: row.escalation_repeat_minutes },
    declarerRoles: row.declarer_roles as ColdNightSettings["declarerRoles"],
    closeTime: row.close_time,
    bedBoard: { from: row.bed_board_from, roles: row.bed_board_roles as ColdNightSettings["declarerRoles"], cityUnits: row.bed_board_city_units },
  };
}

function columnsOf(cold: ColdNightSettings) {
  return {
    threshold_c: cold.thresholdC,
    use_feels_like: cold.useFeelsLike,
    season_from: cold.season.from,
    season_to: cold.season.to,
    latitude: cold.coordinates.lat,
    longitude: cold.coordinates.lon,
    forecast_time: cold.forecastTime,
    escalation_minutes: cold.escalationMinutes,
    escalation_repeat_from: cold.escalationRepeat.fromStep,
    escalation_repeat_minutes: cold.escalationRepeat.everyMinutes,
    bed_board_from: cold.bedBoard.from,
    bed_board_roles: cold.bedBoard.roles,
    bed_board_city_units: cold.bedBoard.cityUnits,
    declarer_roles: cold.declarerRoles,
    close_time: cold.closeTime,
  };
}

/** `coldNights:` in the partnership file (with the bed board's recipients); a partnership without it has no extra cold nights. */
export const coldNightSection: PartnershipSection<ColdNightSettings | undefined> = {
  key: "coldNights",
  schema: coldNightsSchema.optional(),
  checkReferences: (cold, refs) => cold.bedBoard.cityUnits.forEach((u, i) => refs.resolve("cityUnits", u, ["bedBoard", "cityUnits", i])),
  sync: (trx, partnershipId, cold, counts) =>
    syncSettingsRow(trx, "cold_night_settings", partnershipId, cold === undefined ? undefined : columnsOf(cold), counts),
  export: loadColdNightSettings,
  messages: {
    sv: { repeat_step: "stegen att upprepa från finns inte i escalationMinutes" },
    en: { repeat_step: "the step to repeat from is not in escalationMinutes" },
  },
};
