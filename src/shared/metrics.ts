/**
 * What Samverka counts for the people who run it. The core only calls this port; the composition root plugs in an
 * implementation (Prometheus, adapters/metrics). Label values are small fixed sets (platforms, event kinds, queue
 * names, form ids, reminder kinds), never ids of people, conversations or rows.
 */
export interface Metrics {
  /** The core started handling an inbound event; `kind` is the event's type (command, message, action, form, installed). */
  inboundEvent(platform: string, kind: string): void;
  /** A form was submitted and accepted: a card or modal form by its id, a conversational form by its subject. */
  formCompleted(form: string, via: "card" | "conversation"): void;
  /** One outbox delivery attempt ended: sent, failed for good, or put back to be retried. */
  outboxDelivery(platform: string, outcome: "sent" | "failed" | "retried"): void;
  /** A reminder started this many seconds after it was due (its first attempt). */
  reminderLateness(kind: string, seconds: number): void;
  /** A job of `queue` finished: processed, failed for good, or failed and to be retried by the queue. */
  jobSettled(queue: string, outcome: "processed" | "failed" | "retried"): void;
  /** A shelter answered a cold night this many seconds after it was declared. */
  coldNightAcknowledged(seconds: number): void;
}

/** Counts nothing: the default wherever no metrics are configured (tests, admin commands). */
export const noMetrics: Metrics = {
  inboundEvent: () => undefined,
  formCompleted: () => undefined,
  outboxDelivery: () => undefined,
  reminderLateness: () => undefined,
  jobSettled: () => undefined,
  coldNightAcknowledged: () => undefined,
};
