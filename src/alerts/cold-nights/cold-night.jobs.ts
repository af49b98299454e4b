import { z } from "zod";

/** Payload of a ladder step reminder: a step of the shelter's run `run` (bumped by a restart) at `position`. */
export const escalationPayload = z.union([
  z.object({ alertId: z.uuid(), activityId: z.uuid(), run: z.int().min(1), position: z.int().min(1) }),
  // Steps queued before the ladder repeated carried only their step number: the first run's position.
  z.object({ alertId: z.uuid(), activityId: z.uuid(), step: z.int().min(1) }).transform(({ step, ...rest }) => ({ ...rest, run: 1, position: step })),
]);
/** Payload of the morning auto-close reminder. */
export const autoClosePayload = z.object({ alertId: z.uuid() });
/** Payload of a shelter's follow-up question. */
export const followUpPayload = z.object({ alertId: z.uuid(), activityId: z.uuid(), round: z.int().min(1).default(1) });
