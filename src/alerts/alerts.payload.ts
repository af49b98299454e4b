import type { z } from "zod";
import { SamverkaError } from "../shared/errors.ts";

/** Reads a reminder's payload with its `*.jobs.ts` schema; one that cannot be read is given up, not retried. */
export function parseReminderPayload<T>(schema: z.ZodType<T>, payload: unknown, kind: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new SamverkaError("internal", `A ${kind} reminder carries a payload Samverka cannot read; it is given up.`, { cause: parsed.error });
  return parsed.data;
}
