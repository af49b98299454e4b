/** Stable error codes: logs and tests match on these, never on message text. */
export type ErrorCode =
  | "config_invalid"
  | "partnership_file_invalid"
  | "not_found"
  | "forbidden"
  | "invalid_input"
  | "conflict"
  | "platform_unavailable"
  | "platform_rejected"
  /** The app is not in that channel or chat (never invited, removed, or the channel is gone): only an admin can fix it. */
  | "not_installed"
  | "external_unavailable"
  /** The answer to a person's request could not be shown to them (the platform refused or did not answer). */
  | "reply_failed"
  | "internal";

/** The one error type of Samverka: a stable code, a message that says how to fix it, and the cause. */
export class SamverkaError extends Error {
  readonly code: ErrorCode;
  /** Whether retrying the same operation later may succeed. */
  readonly retryable: boolean;
  /** How long the other side asked us to wait before retrying (a platform's Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; retryable?: boolean; retryAfterMs?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SamverkaError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Narrows an unknown thrown value to a SamverkaError, wrapping anything else as `internal`. */
export function toSamverkaError(error: unknown): SamverkaError {
  if (error instanceof SamverkaError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SamverkaError("internal", message, { cause: error });
}

/**
 * What a log line says about an error. A condition Samverka classified (a refusal, an outage, a missing installation)
 * is logged by its code and message, which say what to do; only an error nobody classified (`internal`) carries its
 * stack trace, since that is where a developer must look.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  const e = toSamverkaError(error);
  return e.code === "internal" ? { err: e } : { code: e.code, reason: e.message };
}
