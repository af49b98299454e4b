import { z } from "zod";
import { because, keySchema, wholeNumber } from "./file-formats.schema.ts";

export const PLATFORMS = ["slack", "teams"] as const;
export const CHANNEL_PURPOSES = ["partnership", "group", "alerts"] as const;

/** A chat channel the bot posts to; `group` names the group for purpose `group`. */
export const channelSchema = z
  .strictObject({
    platform: z.enum(PLATFORMS),
    conversation: z.string().trim().min(1),
    purpose: z.enum(CHANNEL_PURPOSES),
    group: keySchema.optional(),
  })
  .refine((c) => c.platform !== "slack" || /^[CG][A-Z0-9]{2,}$/.test(c.conversation), {
    ...because("slack_conversation"),
    path: ["conversation"],
  })
  .refine((c) => c.platform !== "teams" || /^19:\S+$/.test(c.conversation), { ...because("teams_conversation"), path: ["conversation"] })
  .refine((c) => (c.purpose === "group") === (c.group !== undefined), { ...because("channel_group"), path: ["group"] });
export type ChannelInFile = z.infer<typeof channelSchema>;

/** A night shelter or day centre run by one organisation, with its places and grant rules. */
export const activitySchema = z
  .strictObject({
    key: keySchema,
    name: z.string().trim().min(1),
    organisation: keySchema,
    kind: z.enum(["night", "day"]),
    places: wholeNumber(0, 10_000),
    placesWomen: wholeNumber(0, 10_000).default(0),
    nightsPerGrant: wholeNumber(1, 366).optional(),
    nightsPerGrantWomen: wholeNumber(1, 366).optional(),
    karenstidNights: wholeNumber(0, 366).optional(),
    staff: z.array(keySchema).default([]),
  })
  .refine((a) => a.placesWomen <= a.places, { ...because("women_places"), path: ["placesWomen"] });
export type ActivityInFile = z.infer<typeof activitySchema>;
