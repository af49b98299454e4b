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

/** A Slack user id (`U…`, or `W…` on Enterprise Grid). */
export const slackUserIdSchema = z.string().refine((v) => /^[UW][A-Z0-9]{2,}$/.test(v), because("slack_user"));

// An AAD object id is a GUID; the Agents Playground's default users carry 13 digits in the last group.
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

/** A Teams user: the AAD object id or the Bot Framework `29:…` id. */
export const teamsUserIdSchema = z.string().refine((v) => AAD_OBJECT_ID.test(v) || /^29:\S+$/.test(v), because("teams_user"));

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

/** A member's chat identities; the first one listed is the primary one. */
export const identitiesSchema = z.strictObject({
  slack: oneOrMany(slackUserIdSchema).optional(),
  teams: oneOrMany(teamsUserIdSchema).optional(),
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
  })
  .refine((m) => m.organisation === undefined || m.cityUnit === undefined, {
    ...because("organisation_or_city_unit"),
    path: ["cityUnit"],
  });
export type MemberInFile = z.infer<typeof memberSchema>;

/** The identities of a member in file order: platform and user id, primary first. */
export function listIdentities(identities: IdentitiesInFile): { platform: "slack" | "teams"; userId: string }[] {
  return Object.entries(identities).flatMap(([platform, ids]) =>
    [ids ?? []].flat().map((userId) => ({ platform: platform as "slack" | "teams", userId })),
  );
}
