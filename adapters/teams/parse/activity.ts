import { z } from "zod";

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }).loose();

/** The part of an inbound Bot Framework activity the adapter reads; everything else passes untouched. */
export const inboundActivitySchema = z
  .object({
    type: z.string(),
    id: z.string().optional(),
    name: z.string().optional(),
    serviceUrl: z.url(),
    channelId: z.string().optional(),
    from: account,
    recipient: account,
    conversation: z
      .object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional(), isGroup: z.boolean().optional() })
      .loose(),
    channelData: z
      .object({
        tenant: z.object({ id: z.string() }).loose().optional(),
        team: z.object({ id: z.string() }).loose().optional(),
        eventType: z.string().optional(),
      })
      .loose()
      .optional(),
    text: z.string().optional(),
    value: z.unknown().optional(),
    replyToId: z.string().optional(),
    action: z.string().optional(),
    membersAdded: z.array(account).optional(),
    entities: z.array(z.object({ type: z.string(), mentioned: account.optional(), text: z.string().optional() }).loose()).optional(),
  })
  .loose();

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

const parsedBodies = new WeakMap<object, z.ZodSafeParseResult<InboundActivity>>();

/** Reads a request body as an activity, once per body however many steps of the request ask. */
export function parseActivity(body: unknown): z.ZodSafeParseResult<InboundActivity> {
  if (typeof body !== "object" || body === null) return inboundActivitySchema.safeParse(body);
  let parsed = parsedBodies.get(body);
  if (parsed === undefined) {
    parsed = inboundActivitySchema.safeParse(body);
    parsedBodies.set(body, parsed);
  }
  return parsed;
}

/** `value` of an `adaptiveCard/action` invoke (Universal Actions). */
export const adaptiveCardInvokeSchema = z
  .object({
    action: z.object({ type: z.string(), verb: z.string().optional(), data: z.record(z.string(), z.unknown()).optional() }).loose(),
  })
  .loose();

/** personal, channel or groupChat; a missing type means a personal chat (older clients leave it out there). */
export function conversationTypeOf(activity: InboundActivity): "personal" | "channel" | "groupChat" {
  const type = activity.conversation.conversationType;
  if (type === "channel" || type === "groupChat") return type;
  return "personal";
}

/** The tenant of an activity, wherever Teams put it. */
export function tenantOf(activity: InboundActivity): string | undefined {
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
}
