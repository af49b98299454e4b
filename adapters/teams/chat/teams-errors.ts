import { setTimeout as sleep } from "node:timers/promises";
import { assertOutsideTransaction } from "../../../src/app/unit-of-work.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";

interface HttpFailure {
  response?: { status?: number; headers?: Record<string, unknown> };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as HttpFailure | undefined)?.response?.status;
  return typeof status === "number" ? status : undefined;
}

/** Turns a Bot Connector failure into a SamverkaError: 429, 5xx and network failures may succeed later. */
function toTeamsError(error: unknown, operation: string): SamverkaError {
  if (error instanceof SamverkaError) return error;
  const status = statusOf(error);
  if (status === undefined) {
    return new SamverkaError("platform_unavailable", `Teams could not be reached (${operation}); it will be retried.`, { cause: error, retryable: true });
  }
  if (status === 429 || status >= 500) {
    return new SamverkaError("platform_unavailable", `Teams answered ${status} to ${operation}; it will be retried.`, { cause: error, retryable: true });
  }
  if (status === 403 || status === 404) {
    // BotNotInConversationRoster, ConversationNotFound: the app was removed from the team or chat, or it is gone.
    return new SamverkaError(
      "not_installed",
      `Teams refused ${operation} (HTTP ${status}): the conversation or message is gone, or Samverka is not (any more) in it. Add the app to the team or chat again (apps/teams/README.md) or update the partnership file.`,
      { cause: error },
    );
  }
  return new SamverkaError("platform_rejected", `Teams refused ${operation} (HTTP ${status}).`, { cause: error });
}

function retryAfterMs(error: unknown, attempt: number): number {
  const header = (error as HttpFailure | undefined)?.response?.headers?.["retry-after"];
  const seconds = Number(header);
  // Teams throttles per conversation; its Retry-After is honoured up to a bound so a request never hangs.
  if (header !== undefined && Number.isFinite(seconds)) return Math.min(seconds * 1000, 10_000);
  return Math.min(250 * 2 ** attempt, 4_000);
}

const ATTEMPTS = 4;

/**
 * Calls the connector, retrying only throttling (429) and "service unavailable" (503): both mean the activity was
 * not accepted, so a retry cannot post it twice. Other failures are thrown at once as SamverkaError.
 */
export async function callConnector<T>(operation: string, call: () => Promise<T>): Promise<T> {
  assertOutsideTransaction(`Teams ${operation}`);
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      if ((status === 429 || status === 503) && attempt < ATTEMPTS - 1) {
        await sleep(retryAfterMs(error, attempt));
        continue;
      }
      throw toTeamsError(error, operation);
    }
  }
}
