import { z } from "zod";

/** Reminder kinds of the reports capability. */
export const REPORT_OPEN = "report.open";
export const REPORT_REMINDER = "report.reminder";
export const REPORT_OVERDUE = "report.overdue";
export const REPORT_EXTENSION = "report.extension";

/** Payload of a report's opening, reminder and overdue rows; shared by the scheduler and the handlers. */
export const reportReminderPayloadSchema = z.object({
  partnershipId: z.string().min(1),
  form: z.string().min(1),
  period: z.string().min(1),
  organisationId: z.uuid(),
  /** Set on a snoozed reminder: only this member is reminded. */
  memberId: z.uuid().optional(),
});
export type ReportReminderPayload = z.infer<typeof reportReminderPayloadSchema>;

/** Payload of a styrgrupp reminder ahead of the written-extension deadline. */
export const extensionReminderPayloadSchema = z.object({
  partnershipId: z.string().min(1),
  deadline: z.iso.date(),
  daysBefore: z.number().int().min(1),
});
