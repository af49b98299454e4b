import { ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from "@slack/web-api";
import { assertOutsideTransaction } from "../../../src/app/unit-of-work.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";

// Platform errors that mean "this will not work until someone changes something in Slack".
const HINTS: Record<string, string> = {
  not_in_channel: "invite the Samverka app to the channel (/invite @Samverka)",
  channel_not_found: "the channel is gone or private without the app in it; invite the app or update the channel in the partnership file",
  missing_scope: "add the missing scope in the Slack app settings (see apps/slack/manifest.yaml) and reinstall the app",
  invalid_auth: "SLACK_BOT_TOKEN is wrong or revoked; copy the Bot User OAuth Token again",
  is_archived: "the channel is archived; unarchive it or update the channel in the partnership file",
  expired_trigger_id: "the form was opened more than 3 seconds after the click; try again",
};

// Refusals that mean the app is not where it was asked to write: an admin must invite it or fix the partnership file.
const NOT_INSTALLED = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

// `ok:false` errors Slack documents as transient: the same call may succeed later.
const TRANSIENT = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** Turns any error from the Slack Web API or a response_url into a SamverkaError, saying how to fix it. */
export function toSlackError(error: unknown, method: string): SamverkaError {
  if (error instanceof SamverkaError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === ErrorCode.RateLimitedError) {
    const seconds = (error as WebAPIRateLimitedError).retryAfter;
    return new SamverkaError("platform_unavailable", `Slack rate-limited ${method}; retrying after ${seconds} s.`, {
      cause: error,
      retryable: true,
      retryAfterMs: seconds * 1000,
    });
  }
  if (code === ErrorCode.PlatformError) {
    const slackError = (error as WebAPIPlatformError).data.error;
    const hint = HINTS[slackError];
    return new SamverkaError(
      NOT_INSTALLED.has(slackError) ? "not_installed" : "platform_rejected",
      `Slack refused ${method}: ${slackError}${hint === undefined ? "" : ` (${hint})`}.`,
      {
        cause: error,
        retryable: TRANSIENT.has(slackError),
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SamverkaError("platform_unavailable", `Slack did not answer ${method}: ${message}.`, { cause: error, retryable: true });
}

/** Whether Slack refused because the bot is not a member of the channel (or cannot see it). */
export function isNotInChannel(error: unknown): boolean {
  const cause = error instanceof SamverkaError ? error.cause : error;
  const code = (cause as { code?: unknown; data?: { error?: unknown } } | undefined)?.code;
  const slackError = (cause as { data?: { error?: unknown } } | undefined)?.data?.error;
  return code === ErrorCode.PlatformError && (slackError === "not_in_channel" || slackError === "channel_not_found");
}

/** Runs one Web API call, turning its failure into a SamverkaError. Never inside a database transaction. */
export async function callSlack<T>(method: string, call: () => Promise<T>): Promise<T> {
  assertOutsideTransaction(`Slack ${method}`);
  try {
    return await call();
  } catch (error) {
    throw toSlackError(error, method);
  }
}
