import type { CliCommand, CliContext } from "../app/cli-command.ts";
import { toSamverkaError } from "../shared/errors.ts";
import { createFormatters, createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import { describeCadenceConflict } from "./cadence-conflicts.ts";
import type { PlanWarning } from "./cadence-plan.ts";
import { formatLocalWithOffset, localDateOf } from "./local-dates.ts";
import { listGroups } from "./meeting-group.repository.ts";
import { meetingMessages, type MeetingMessageKey } from "./meetings.messages.ts";
import { planGroupMeetings, type GroupPlan } from "./plan-meetings.ts";
import { addDays, createWorkingDays } from "./working-days.ts";

type T = Translate<MeetingMessageKey>;

/** One row of the printed plan (`start`/`end` ISO with offset, for --json and sorting). */
interface PlanRow {
  group: string;
  start: string;
  end: string;
  status: string;
  new: boolean;
  /** On a blackout day because the blackout would otherwise empty a month the cadence needs. */
  yielded: boolean;
  /** Weekday, date, ISO week and times as people read them, for the table. */
  shown: string[];
}

interface PlanArgs {
  partnershipId: string;
  from?: string;
  months: number;
  json: boolean;
  dryRun: boolean;
}

/** `samverka meetings plan`: plans every group of a partnership forward and prints the meetings in the window. */
export function createMeetingsPlanCommand(locale: Locale = "sv"): CliCommand {
  const t = createTranslator(meetingMessages, locale);
  return {
    name: ["meetings", "plan"],
    usage: "samverka meetings plan --partnership ID [--from DATE] [--months N] [--json] [--dry-run]",
    summary: "Planera gruppernas möten efter kadensen (plan group meetings by cadence)",
    run: async (args, ctx) => {
      const parsed = parseArgs(args, t, ctx);
      if (parsed === undefined) return 2;
      try {
        return await runPlan(parsed, t, locale, ctx);
      } catch (error) {
        const e = toSamverkaError(error);
        ctx.logger.error({ err: e }, "meetings plan failed");
        ctx.err(e.message);
        return 1;
      }
    },
  };
}

async function runPlan(args: PlanArgs, t: T, locale: Locale, ctx: CliContext): Promise<number> {
  const groups = await listGroups(ctx.db, args.partnershipId);
  if (groups.length === 0) {
    ctx.err(t("plan.notFound", { id: args.partnershipId }));
    return 1;
  }
  const now = ctx.clock.now();
  const from = args.from ?? localDateOf(now, groups[0]!.timeZone);
  const until = addDays(addMonths(from, args.months), -1);
  const plans: GroupPlan[] = [];
  for (const group of groups) plans.push(await planGroupMeetings(ctx.db, group, { from, until }, now, { dryRun: args.dryRun }));
  const rows = plans.flatMap((p) => toRows(p, t, locale)).sort((a, b) => a.start.localeCompare(b.start) || a.group.localeCompare(b.group));
  const warnings = plans.flatMap((p) => p.warnings.map((w) => describeWarning(p.group.name, w, t)));
  // Said once per group, naming every month, however many meetings the collision moves.
  const conflicts = plans.flatMap((p) => (p.conflict === undefined ? [] : [describeCadenceConflict(p.group.name, p.conflict, t)]));
  const exemptions = plans.flatMap((p) => p.exemptions.map((e) => ({ group: p.group.name, ...e })));
  if (args.json) {
    const meetings = rows.map(({ shown: _, ...row }) => row);
    ctx.out(
      JSON.stringify({ partnership: args.partnershipId, from, until, periodEnd: groups[0]!.periodEnd, meetings, exemptions, conflicts, warnings }, null, 2),
    );
  } else {
    for (const line of formatTable([
      t("plan.header").split("\t"),
      ...rows.map((r) => [r.group, ...r.shown, r.yielded ? `${r.status} (${t("plan.yielded")})` : r.status]),
    ]))
      ctx.out(line);
    for (const e of exemptions) ctx.out(t("plan.exempt", { group: e.group, month: e.month, reason: e.reason }));
    if (!args.dryRun) ctx.out(t("plan.created", { count: rows.filter((r) => r.new).length }));
  }
  // The window runs past the agreement period: said once, with how planning goes on.
  const periodEnd = groups[0]!.periodEnd;
  const periodNote = until > periodEnd ? [t("plan.periodEnd", { end: periodEnd })] : [];
  for (const line of [...periodNote, ...conflicts, ...warnings]) ctx.err(line);
  return 0;
}

/** Lines of a plain-text table with each column padded to its widest cell. */
function formatTable(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  return cells.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd(),
  );
}

function toRows(plan: GroupPlan, t: T, locale: Locale): PlanRow[] {
  const zone = plan.group.timeZone;
  const f = createFormatters(locale, zone);
  const shown = (startsAt: Date, endsAt: Date) => [f.weekday(startsAt), f.date(startsAt), f.week(startsAt), f.time(startsAt), f.time(endsAt)];
  const days = createWorkingDays(plan.group.meetings.blackouts);
  const yielded = (startsAt: Date) => days.inBlackout(localDateOf(startsAt, zone));
  const stored = plan.meetings.map((m) => ({
    group: plan.group.name,
    start: formatLocalWithOffset(m.startsAt, zone),
    end: formatLocalWithOffset(m.endsAt, zone),
    status: t(`status.${m.status}`),
    new: plan.created.has(m.id),
    yielded: yielded(m.startsAt),
    shown: shown(m.startsAt, m.endsAt),
  }));
  const proposed = plan.proposals.map((p) => ({
    group: plan.group.name,
    start: formatLocalWithOffset(p.startsAt, zone),
    end: formatLocalWithOffset(p.endsAt, zone),
    status: t("status.proposed"),
    new: true,
    yielded: yielded(p.startsAt),
    shown: shown(p.startsAt, p.endsAt),
  }));
  return [...stored, ...proposed];
}

function describeWarning(group: string, w: PlanWarning, t: T): string {
  return w.kind === "gap-too-long"
    ? t("plan.warning.gap", { group, after: w.after, date: w.date, months: String(w.limitMonths) })
    : t("plan.warning.term", { group, from: w.termFrom, to: w.termTo });
}

function parseArgs(args: string[], t: T, ctx: CliContext): PlanArgs | undefined {
  const result: Partial<PlanArgs> & { months: number; json: boolean; dryRun: boolean } = { months: 12, json: false, dryRun: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (arg === "--json") result.json = true;
    else if (arg === "--dry-run") result.dryRun = true;
    else if (arg === "--partnership" && value !== undefined) {
      result.partnershipId = value;
      i++;
    } else if (arg === "--from" && value !== undefined) {
      if (!isIsoDate(value)) return refuse(ctx, t("plan.badDate", { value }));
      result.from = value;
      i++;
    } else if (arg === "--months" && value !== undefined) {
      const months = Number(value);
      if (!Number.isInteger(months) || months < 1 || months > 60) return refuse(ctx, t("plan.badMonths", { value }));
      result.months = months;
      i++;
    } else return refuse(ctx, t("plan.usage"));
  }
  if (result.partnershipId === undefined) return refuse(ctx, t("plan.usage"));
  return { ...result, partnershipId: result.partnershipId };
}

function refuse(ctx: CliContext, message: string): undefined {
  ctx.err(message);
  return undefined;
}

function isIsoDate(value: string): boolean {
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(value);
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
