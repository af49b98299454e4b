import { z } from "zod";
import { LOCALES } from "../shared/i18n.ts";
import { MEMBER_ROLES } from "./partnership.ts";
import { ORG_NUMBER_PATTERN, hasValidCheckDigit } from "./org-number.ts";
import { because, keySchema } from "./file-formats.schema.ts";

/** A non-profit organisation in the partnership; `orgNumber` is checked with its Luhn digit. */
export const organisationSchema = z.strictObject({
  key: keySchema,
  name: z.string().trim().min(1),
  // Optional because the Göteborg decision (seed 003) names its organisations without numbers.
  orgNumber: z
    .string()
    .refine((v) => ORG_NUMBER_PATTERN.test(v), because("org_number_format"))
    .refine(hasValidCheckDigit, because("org_number_check_digit"))
    .optional(),
});
export type OrganisationInFile = z.infer<typeof organisationSchema>;

/** A unit of the city's social services (EU-teamet, Socialjouren). */
export const cityUnitSchema = z.strictObject({ key: keySchema, name: z.string().trim().min(1) });
export type CityUnitInFile = z.infer<typeof cityUnitSchema>;

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
// An AAD object id is a GUID; the Agents Playground's default users carry 13 digits in the last group.
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;
const TEAMS_USER_ID = (v: string) => AAD_OBJECT_ID.test(v) || /^29:\S+$/.test(v);

/** Whether `userId` has the shape of a user id on `platform` (Slack `U…`; Teams AAD object id or `29:…`). */
export function isPlatformUserId(platform: "slack" | "teams", userId: string): boolean {
  return platform === "slack" ? SLACK_USER_ID.test(userId) : TEAMS_USER_ID(userId);
}

/**
 * A member's chat identities, one id or a list per platform; the first one listed is the primary one.
 * A record rather than an object schema, because only a record keeps the platforms in the order written.
 */
export const identitiesSchema = z
  .partialRecord(z.enum(["slack", "teams"]), z.union([z.string(), z.array(z.string()).min(1)]))
  .superRefine((identities, ctx) => {
    for (const [platform, ids] of Object.entries(identities) as ["slack" | "teams", string | string[]][]) {
      [ids].flat().forEach((id, i) => {
        if (isPlatformUserId(platform, id)) return;
        ctx.addIssue({ code: "custom", path: Array.isArray(ids) ? [platform, i] : [platform], params: { reason: `${platform}_user` } });
      });
    }
  });
export type IdentitiesInFile = z.infer<typeof identitiesSchema>;

/** A person taking part, belonging to an organisation or a city unit. */
export const memberSchema = z
  .strictObject({
    key: keySchema,
    name: z.string().trim().min(1),
    organisation: keySchema.optional(),
    cityUnit: keySchema.optional(),
    /** Defaults to the partnership's locale. */
    locale: z.enum(LOCALES as ["sv", "en"]).optional(),
    roles: z.array(z.enum(MEMBER_ROLES)).default([]),
    identities: identitiesSchema.default({}),
    /** Work e-mail: meeting invitations (.ics) name the member as ATTENDEE by it. Never a client's. */
    email: z.email().optional(),
  })
  .refine((m) => m.organisation === undefined || m.cityUnit === undefined, {
    ...because("organisation_or_city_unit"),
    path: ["cityUnit"],
  });
export type MemberInFile = z.infer<typeof memberSchema>;

/** The identities of a member in file order: platform and user id, primary first. */
export function listIdentities(identities: IdentitiesInFile): { platform: "slack" | "teams"; userId: string }[] {
  return Object.entries(identities).flatMap(([platform, ids]) => [ids ?? []].flat().map((userId) => ({ platform: platform as "slack" | "teams", userId })));
}
