import type { CommandContext, CommandHandler, CommandWords } from "../app/feature.ts";
import type { Block, Message } from "../chat/index.ts";
import { hasAnyRole } from "../partnerships/index.ts";
import { createFormatters, createTranslator } from "../shared/i18n.ts";
import { compileReports } from "./compile-report.ts";
import { renderCsv, renderMarkdown, stateLabel } from "./compilation.render.ts";
import { renderXlsx } from "./compilation.xlsx.ts";
import { contractStartOf } from "./report-cycle.ts";
import { parsePeriodLabel } from "./report-period.ts";
import type { ReportService } from "./report-service.ts";
import { reportStatus } from "./report-status.ts";
import { loadReportSettings } from "./report-settings.ts";
import type { ReportChat, Say } from "./reports.conversation.ts";
import type { ReportsDeps } from "./reports.deps.ts";
import type { EarlyStart } from "./report-early.ts";
import { reportsMessages } from "./reports.messages.ts";
import { plain } from "./reports.view.ts";

/** Words of the reports command: Swedish first, English after. */
const REPORT_WORDS: CommandWords = { sv: ["rapport", "rapporter"], en: ["report", "reports"] };
const LATE_FILLING_DAYS = 90;
const STATUS = ["status"];
const COMPILE = ["sammanställ", "sammanstall", "compile"];
const FORM = ["formulär", "formular", "form"];
const HELP = ["hjälp", "help", "?"];

/** Whether a message is a reports command (`rapport`, `rapport status` …) rather than, say, an answer starting "Report". */
export function isReportCommand(text: string): boolean {
  const [word = "", sub, ...more] = text.trim().toLowerCase().split(/\s+/);
  if (![...REPORT_WORDS.sv, ...REPORT_WORDS.en].includes(word)) return false;
  if (sub === undefined) return true;
  return COMPILE.includes(sub) || ([...STATUS, ...FORM, ...HELP].includes(sub) && more.length === 0);
}

/** `rapport`, `rapport formulär`, `rapport status`, `rapport sammanställ 2026H2 [form] [md|csv|xlsx]`. */
export function createReportCommand(deps: ReportsDeps, service: ReportService, chat: ReportChat, early: EarlyStart): CommandHandler {
  return {
    words: REPORT_WORDS,
    help: (locale) => createTranslator(reportsMessages, locale)("help"),
    async run(ctx) {
      const [sub = "", ...rest] = ctx.args
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== "");
      if (STATUS.includes(sub)) return status(ctx);
      if (COMPILE.includes(sub)) return compile(ctx, rest);
      if (FORM.includes(sub)) return fill(ctx, "form");
      if (HELP.includes(sub)) return void (await ctx.reply.whisper(plain(t(ctx)("usage"))));
      return fill(ctx, "chat");
    },
  };

  function t(ctx: CommandContext) {
    return createTranslator(reportsMessages, ctx.actor.locale, ctx.actor.partnership.timeZone);
  }

  // The conversation belongs in the direct chat: asked from a channel, it starts there instead. A request is known
  // by the inbox row it came in as, so handling it again after a crash sends nothing twice; asking again later does.
  function sayFor(ctx: CommandContext): Say {
    if (ctx.event.type === "message" && ctx.event.direct) return (m) => ctx.reply.whisper(m);
    const request = ctx.event.delivery ?? deps.clock.now().toISOString();
    let n = 0;
    return (m) => deps.notifier.toMember(ctx.actor.member.id, () => m, { key: `report:conversation:${ctx.actor.member.id}:${request}:${++n}` });
  }

  async function fill(ctx: CommandContext, how: "chat" | "form"): Promise<void> {
    const { member, partnership } = ctx.actor;
    if (member.organisationId === null) return void (await ctx.reply.whisper(plain(t(ctx)("no_organisation"))));
    const now = deps.clock.now();
    const candidates = [];
    const closed = [];
    // A report long past its deadline is a matter for the partnership coordinator, not a chat prompt. A report not yet
    // open is there only because someone started it early.
    for (const report of await service.reports.ofOrganisation(
      partnership.id,
      member.organisationId,
      new Date(now.getTime() - LATE_FILLING_DAYS * 86_400_000),
    )) {
      const submitted = await service.reports.latestVersion(report.id);
      if (submitted === undefined || now <= report.deadlineAt) candidates.push({ report, submitted });
      else closed.push(report);
    }
    const open = candidates.filter((c) => c.submitted === undefined);
    const choices = open.length > 0 ? open : candidates;
    if (choices.length === 0) {
      // Say why a report just submitted cannot be reopened, rather than that there is nothing.
      const latest = closed.at(-1);
      const message = latest === undefined ? await early.nothingOpenMessage(ctx.actor) : chat.closedMessage(await service.contextOf(latest), ctx.actor);
      return void (await ctx.reply.whisper(message));
    }
    if (choices.length > 1)
      return void (await ctx.reply.whisper(
        await pickMessage(
          ctx,
          choices.map((c) => c.report.id),
          how,
        ),
      ));
    const reportCtx = await service.contextOf(choices[0]!.report);
    if (how === "form") return ctx.reply.openForm(await chat.formViewOf(reportCtx, ctx.actor));
    await chat.startInChat(reportCtx, ctx.actor, sayFor(ctx));
    await ctx.reply.pointToDirect();
  }

  async function pickMessage(ctx: CommandContext, reportIds: string[], how: "chat" | "form"): Promise<Message> {
    const buttons = [];
    for (const id of reportIds) {
      const c = await service.contextOf((await service.reports.byId(id))!);
      buttons.push({
        actionId: how === "form" ? "report.form" : "report.start",
        label: `${c.definition.title[ctx.actor.locale]} ${c.report.period}`,
        value: id,
      });
    }
    return {
      text: t(ctx)("pick"),
      blocks: [
        { type: "text", text: t(ctx)("pick") },
        { type: "buttons", buttons },
      ],
    };
  }

  async function status(ctx: CommandContext): Promise<void> {
    const groups = await reportStatus(service, ctx.actor.partnership.id, deps.clock.now());
    if (groups.length === 0) return void (await ctx.reply.whisper(plain(t(ctx)("status.none"))));
    const f = createFormatters(ctx.actor.locale, ctx.actor.partnership.timeZone);
    const blocks: Block[] = [];
    for (const { deadlineAt, compilation: c } of groups) {
      const heading = t(ctx)("status.heading", { form: c.definition.title[ctx.actor.locale], period: c.period, deadline: f.date(deadlineAt) });
      blocks.push({ type: "heading", text: heading });
      blocks.push({
        type: "list",
        items: c.organisations.map((o) =>
          o.state === "submitted"
            ? t(ctx)("status.submitted", { org: o.name, at: f.date(o.submittedAt!), version: o.version! })
            : t(ctx)(o.state === "in_progress" ? "status.in_progress" : "status.missing", { org: o.name }),
        ),
      });
    }
    await ctx.reply.whisper({ text: blocks.map((b) => (b.type === "heading" ? b.text : "")).join(" "), blocks });
  }

  async function compile(ctx: CommandContext, args: string[]): Promise<void> {
    const { member, partnership } = ctx.actor;
    const settings = (await loadReportSettings(deps.db, partnership.id)).settings.get(partnership.id);
    if (!hasAnyRole(member, ["admin"]) && member.key !== settings?.coordinator) return void (await ctx.reply.whisper(plain(t(ctx)("compile.forbidden"))));
    const format = args.find((a) => ["md", "csv", "xlsx"].includes(a)) ?? "xlsx";
    const words = args.filter((a) => a !== format);
    const directory = await service.directory.partnership(partnership.id);
    const period = words[0] === undefined || directory === undefined ? undefined : parsePeriodLabel(words[0], contractStartOf(directory));
    if (period === undefined) return void (await ctx.reply.whisper(plain(t(ctx)("compile.bad_period", { period: words[0] ?? "" }))));
    const form = words[1] ?? settings?.cycles.find((c) => c.period === period.kind)?.form ?? "uppfoljning";
    const compilation = await compileReports(service, { partnershipId: partnership.id, form, period: period.label });
    const locale = ctx.actor.locale;
    const file = await compilationFile(compilation, format as "md" | "csv" | "xlsx", locale);
    // One file per request, known by the inbox row it came in as.
    const request = ctx.event.delivery ?? deps.clock.now().toISOString();
    await deps.notifier.fileToMember(member.id, file, { key: `report:compilation:${partnership.id}:${form}:${period.label}:${format}:${request}` });
    const submitted = compilation.organisations.filter((o) => o.state === "submitted").length;
    const missing = compilation.organisations.filter((o) => o.state !== "submitted").map((o) => `${o.name} (${stateLabel(o, locale)})`);
    const lines = [
      t(ctx)("compile.done", { form: compilation.definition.title[locale], period: period.label, submitted, count: compilation.organisations.length }),
    ];
    if (missing.length > 0) lines.push(t(ctx)("compile.missing", { orgs: missing.join(", ") }));
    await ctx.reply.whisper({ text: lines[0]!, blocks: lines.map((text) => ({ type: "text", text })) });
  }
}

/** A compilation as a file to attach: Markdown, CSV or an Excel workbook. */
export async function compilationFile(compilation: Awaited<ReturnType<typeof compileReports>>, format: "md" | "csv" | "xlsx", locale: "sv" | "en") {
  const base = `${compilation.form}-${compilation.period.replace("/", "-")}-${compilation.partnership.id}`;
  if (format === "md") return { filename: `${base}.md`, mimeType: "text/markdown", content: Buffer.from(renderMarkdown(compilation, locale), "utf8") };
  if (format === "csv") return { filename: `${base}.csv`, mimeType: "text/csv", content: Buffer.from(renderCsv(compilation, locale), "utf8") };
  return {
    filename: `${base}.xlsx`,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    content: await renderXlsx(compilation, locale),
  };
}
