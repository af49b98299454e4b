import { readFile, writeFile } from "node:fs/promises";
import type { CliCommand, CliContext } from "../app/cli-command.ts";
import { toSamverkaError } from "../shared/errors.ts";
import { createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import { IMPORT_ENTITIES, type ChangeCounts, type ChangeSummary } from "./change-summary.ts";
import { stringifyPartnershipFile } from "./export-partnership.ts";
import { partnershipMessages, type PartnershipMessageKey } from "./partnerships.messages.ts";
import type { PartnershipFile } from "./partnership-file.schema.ts";
import type { PartnershipFiles } from "./partnership-files.ts";

type T = Translate<PartnershipMessageKey>;

/**
 * What another capability has to say about a file being imported (meetings: where blackouts and cadence collide),
 * one line each; printed once per import, after the result.
 */
export type ImportNotes = (file: PartnershipFile, now: Date) => string[];

/** `samverka import FILE [--dry-run]`: validates a partnership file and upserts it in one transaction. */
export function createImportCommand(files: PartnershipFiles, locale: Locale = "sv", notes?: ImportNotes): CliCommand {
  const t = createTranslator(partnershipMessages, locale);
  return {
    name: ["import"],
    usage: "samverka import FILE [--dry-run]",
    summary: "Importera en partnerskapsfil (import a partnership file)",
    run: (args, ctx) =>
      guarded(ctx, async () => {
        const dryRun = args.includes("--dry-run");
        const paths = args.filter((a) => a !== "--dry-run");
        if (paths.length !== 1 || paths[0]?.startsWith("--")) return usage(ctx, t("import.usage"));
        const path = paths[0] ?? "";
        const text = await readText(path, t, ctx);
        if (text === undefined) return 1;
        const file = files.parse(text, path, locale);
        const result = await files.import(ctx.db, file, { clock: ctx.clock, dryRun });
        if (!result.changed) {
          ctx.out(t("import.noChanges", { id: result.partnershipId }));
        } else {
          ctx.out(t(dryRun ? "import.dryRun" : "import.changed", { id: result.partnershipId }));
          for (const line of describeChanges(result.summary, t)) ctx.out(line);
        }
        for (const line of notes?.(file, ctx.clock.now()) ?? []) ctx.err(line);
        return 0;
      }),
  };
}

/** `samverka export ID [--out FILE]`: writes the partnership as a file that re-imports without changes. */
export function createExportCommand(files: PartnershipFiles, locale: Locale = "sv"): CliCommand {
  const t = createTranslator(partnershipMessages, locale);
  return {
    name: ["export"],
    usage: "samverka export ID [--out FILE]",
    summary: "Exportera ett partnerskap till en fil (export a partnership to a file)",
    run: (args, ctx) =>
      guarded(ctx, async () => {
        const outAt = args.indexOf("--out");
        const out = outAt === -1 ? undefined : args[outAt + 1];
        const rest = outAt === -1 ? args : args.filter((_, i) => i !== outAt && i !== outAt + 1);
        if (rest.length !== 1 || (outAt !== -1 && (out === undefined || out.startsWith("--")))) return usage(ctx, t("export.usage"));
        const id = rest[0] ?? "";
        const file = await files.export(ctx.db, id);
        if (file === undefined) {
          ctx.err(t("export.notFound", { id }));
          return 1;
        }
        const yaml = stringifyPartnershipFile(file, `samverka export ${id}, ${ctx.clock.now().toISOString()}`);
        if (out === undefined) {
          ctx.out(yaml.trimEnd());
        } else {
          await writeFile(out, yaml, "utf8");
          ctx.out(t("export.written", { id, file: out }));
        }
        return 0;
      }),
  };
}

/** The partnerships capability's admin commands for `files`, speaking `locale`; `importNotes` come from other capabilities. */
export function createPartnershipCommands(files: PartnershipFiles, locale: Locale = "sv", options: { importNotes?: ImportNotes } = {}): CliCommand[] {
  return [createImportCommand(files, locale, options.importNotes), createExportCommand(files, locale)];
}

/** One line per entity that changed, e.g. `Medlemmar: 1 skapad, 2 avaktiverade`. */
function describeChanges(summary: ChangeSummary, t: T): string[] {
  return IMPORT_ENTITIES.flatMap((entity) => {
    const counts = Object.entries(summary[entity]).filter(([, n]) => n > 0) as [keyof ChangeCounts, number][];
    if (counts.length === 0) return [];
    return [t("import.line", { entity: t(`entity.${entity}`), counts: counts.map(([kind, n]) => t(`count.${kind}`, { n })).join(", ") })];
  });
}

function usage(ctx: CliContext, text: string): number {
  ctx.err(text);
  return 2;
}

async function readText(path: string, t: T, ctx: CliContext): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    ctx.err(t("file.unreadable", { file: path, reason: error instanceof Error ? error.message : String(error) }));
    return undefined;
  }
}

// The admin sees the message (file, line and field for a broken file); the log keeps the stack.
async function guarded(ctx: CliContext, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    const failure = toSamverkaError(error);
    if (failure.code !== "partnership_file_invalid") ctx.logger.error({ err: error }, "partnership command failed");
    for (const line of failure.message.split("\n")) ctx.err(line);
    return 1;
  }
}
