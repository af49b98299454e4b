import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { z } from "zod";
import { SamverkaError } from "../shared/errors.ts";
import { createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import type { FileIssueParams } from "./file-formats.schema.ts";
import type { PartnershipFile } from "./partnership-file.schema.ts";
import type { PartnershipSection, SectionIssueParams } from "./partnership-section.ts";
import { partnershipMessages, type PartnershipMessageKey } from "./partnerships.messages.ts";

type Messages = Translate<PartnershipMessageKey>;

/** One problem in a partnership file, located in the file. */
export interface FileProblem {
  line: number;
  column: number;
  /** The field as a path, `groups[1].kind`; empty for a YAML syntax error. */
  field: string;
  message: string;
}

const MAX_LISTED = 25;

/** The composed file schema and the sections it was composed of (whose refusals have their own texts). */
export interface ComposedFile {
  schema: z.ZodType<PartnershipFile>;
  sections: readonly PartnershipSection[];
}

/**
 * Parses a partnership file and validates it with the composed schema. Throws `partnership_file_invalid` naming the
 * file, line and field of every problem (YAML syntax, a field, or a reference that does not resolve).
 */
export function parsePartnershipFile({ schema, sections }: ComposedFile, text: string, fileName: string, locale: Locale = "sv"): PartnershipFile {
  const t = createTranslator(partnershipMessages, locale);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw invalidFile(
      fileName,
      t,
      doc.errors.map((e) => ({ ...position(lineCounter, e.pos[0]), field: "", message: e.message })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // Too many alias expansions (a "billion laughs" file) or an unresolved alias.
    throw invalidFile(fileName, t, [{ line: 1, column: 1, field: "", message: error instanceof Error ? error.message : String(error) }]);
  }
  const parsed = schema.safeParse(data, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.code === "unrecognized_keys" ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    return { ...position(lineCounter, locate(doc, path)), field: formatPath(path), message: describe(issue, t, locale, sections) };
  });
  throw invalidFile(fileName, t, problems);
}

function invalidFile(file: string, t: Messages, problems: FileProblem[]): SamverkaError {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const lines = sorted
    .slice(0, MAX_LISTED)
    .map((p) => t("file.issue", { file, line: String(p.line), column: String(p.column), field: p.field === "" ? "" : `${p.field}: `, message: p.message }));
  if (sorted.length > MAX_LISTED) lines.push(t("file.more", { count: sorted.length - MAX_LISTED }));
  return new SamverkaError("partnership_file_invalid", [t("file.invalid", { file }), ...lines].join("\n"));
}

function describe(issue: z.core.$ZodIssue, t: Messages, locale: Locale, sections: readonly PartnershipSection[]): string {
  const params = issue.code === "custom" ? (issue.params as Partial<FileIssueParams & SectionIssueParams> | undefined) : undefined;
  if (params?.reason !== undefined) {
    const { reason, ...values } = params as FileIssueParams;
    return t(`reason.${reason}`, values);
  }
  // A section's own refusal sits under its key; its text is the section's.
  const messages = sections.find((s) => s.key === issue.path[0])?.messages;
  if (params?.sectionReason !== undefined && messages !== undefined) {
    const { sectionReason, ...values } = params as SectionIssueParams;
    return createTranslator(messages, locale)(sectionReason, values);
  }
  const localized = z.locales[locale]().localeError(issue as never);
  if (typeof localized === "string") return localized;
  return localized?.message ?? issue.message;
}

/** The offset of the deepest node of `path` that exists in the document (the key itself when its value is empty). */
function locate(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (pair === undefined) break;
      const target = (pair.value ?? pair.key) as Node | null;
      offset = target?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, s) => (typeof s === "number" ? `${out}[${s}]` : out === "" ? String(s) : `${out}.${String(s)}`), "");
}
