import { z } from "zod";

// Schemas for what Slack sends; only the fields the adapter reads. Unknown fields are dropped, not refused,
// because Slack adds fields without notice.

const user = z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional(), team_id: z.string().optional() });

/** A slash command after form decoding. */
export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(""),
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  user_name: z.string().optional(),
  trigger_id: z.string(),
  response_url: z.string(),
});

const appMention = z.object({
  type: z.literal("app_mention"),
  user: z.string(),
  text: z.string().default(""),
  channel: z.string(),
});

const message = z.object({
  type: z.literal("message"),
  channel: z.string(),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  text: z.string().default(""),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

const memberJoined = z.object({
  type: z.literal("member_joined_channel"),
  user: z.string(),
  channel: z.string(),
  channel_type: z.string().optional(),
});

const otherEvent = z.object({ type: z.string() });

/** An Events API envelope (`event_callback`). */
export const eventCallbackSchema = z.object({
  type: z.literal("event_callback"),
  team_id: z.string(),
  event_id: z.string(),
  event: z.union([appMention, message, memberJoined, otherEvent]),
});

const selectedOption = z.object({ value: z.string() });

const action = z.object({
  action_id: z.string(),
  type: z.string(),
  value: z.string().optional(),
  selected_option: selectedOption.nullable().optional(),
});

/** A button click or select in a message. */
export const blockActionsSchema = z.object({
  type: z.literal("block_actions"),
  user,
  team: z.object({ id: z.string() }).nullable(),
  container: z.object({
    type: z.string(),
    channel_id: z.string().optional(),
    message_ts: z.string().optional(),
    is_ephemeral: z.boolean().optional(),
  }),
  channel: z.object({ id: z.string() }).optional(),
  trigger_id: z.string(),
  response_url: z.string().optional(),
  actions: z.array(action).min(1),
});

const stateElement = z.object({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_date: z.string().nullable().optional(),
  selected_option: selectedOption.nullable().optional(),
  selected_options: z.array(selectedOption).optional(),
});

/** `view.state.values`: block id → action id → element state. */
const viewStateSchema = z.record(z.string(), z.record(z.string(), stateElement));

/** A modal submission. */
export const viewSubmissionSchema = z.object({
  type: z.literal("view_submission"),
  user,
  team: z.object({ id: z.string() }).nullable(),
  view: z.object({
    callback_id: z.string(),
    title: z.object({ text: z.string() }).optional(),
    private_metadata: z.string().default(""),
    team_id: z.string().optional(),
    state: z.object({ values: viewStateSchema }),
  }),
});

export type SlashCommandPayload = z.infer<typeof slashCommandSchema>;
export type EventCallbackPayload = z.infer<typeof eventCallbackSchema>;
export type BlockActionsPayload = z.infer<typeof blockActionsSchema>;
export type ViewSubmissionPayload = z.infer<typeof viewSubmissionSchema>;
export type ViewState = z.infer<typeof viewStateSchema>;
