import { UnrecoverableError } from "bullmq";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJobError } from "../../../jobs/processors.ts";
import { parseReminderJobData, reminderJobId, toReminderJobData } from "../../../jobs/reminder.jobs.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";

const jobRef = fc.record({
  reminderId: fc.uuid({ version: 4 }),
  dueAt: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
});

describe("reminder jobs", () => {
  it("have ids BullMQ accepts: no ':' and never integer-like", () => {
    fc.assert(
      fc.property(jobRef, (ref) => {
        const id = reminderJobId(ref);
        expect(id).not.toContain(":");
        expect(Number.isInteger(Number(id))).toBe(false);
      }),
    );
  });

  it("get a new id when the due time moves, and the same id for the same (row, due time)", () => {
    fc.assert(
      fc.property(jobRef, fc.integer({ min: 1, max: 86_400_000 }), (ref, shift) => {
        const moved = { ...ref, dueAt: new Date(ref.dueAt.getTime() + shift) };
        expect(reminderJobId(moved)).not.toBe(reminderJobId(ref));
        expect(reminderJobId({ ...ref, dueAt: new Date(ref.dueAt) })).toBe(reminderJobId(ref));
      }),
    );
  });

  it("carry the row id and due time through the queue unchanged", () => {
    fc.assert(
      fc.property(jobRef, (ref) => {
        expect(parseReminderJobData(JSON.parse(JSON.stringify(toReminderJobData(ref))))).toEqual(ref);
      }),
    );
  });

  it("reject a payload that is not a row id and an ISO due time", () => {
    expect(parseReminderJobData({ reminderId: "42", dueAt: "2026-12-03T12:00:00Z" })).toBeUndefined();
    expect(parseReminderJobData({ reminderId: "6f1c2f8e-3b7a-4c55-9a36-2d6f0f7f1e10", dueAt: "tomorrow" })).toBeUndefined();
    expect(parseReminderJobData(null)).toBeUndefined();
  });

  it("stop retrying a non-retryable failure and keep retrying a retryable one", () => {
    const permanent = toJobError(new SamverkaError("invalid_input", "bad"));
    const transient = new SamverkaError("platform_unavailable", "Slack is down", { retryable: true });
    const crash = new Error("connection reset");

    expect(permanent).toBeInstanceOf(UnrecoverableError);
    expect((permanent as Error).message).toBe("invalid_input: bad");
    expect(toJobError(transient)).toBe(transient);
    expect(toJobError(crash)).toBe(crash);
  });
});
