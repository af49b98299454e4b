import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/shared/i18n.ts";
import { parseRichText, plainText } from "../../../src/shared/rich-text.ts";

const root = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith(".ts"))
      .map((e) => path.relative(root, path.join(e.parentPath, e.name))),
  );
}

/** Platform markup a catalogue must not carry, with what to write instead. */
const PLATFORM_MARKUP: { name: string; pattern: RegExp }[] = [
  { name: "Slack *bold* (write **bold**)", pattern: /\*[^\s*][^*\n]*?\*/ },
  { name: "_italic_ (Slack and Teams differ; not part of Samverka's markup)", pattern: /(^|[\s(])_[^_\s][^_\n]*_(?=$|[\s.,;:!?)])/ },
  { name: "Slack ~strike~", pattern: /(^|\s)~[^~\s][^~\n]*~/ },
  { name: "Slack link, mention or channel (<url|x>, <@U…>, <#C…>, <!here>)", pattern: /<(https?:|mailto:|@|#|!)[^>]*>/ },
  { name: "Teams <at> mention or HTML", pattern: /<\/?(at|b|i|strong|em|br|a)(\s[^>]*)?>/i },
  { name: "markdown link [x](url) (Teams only)", pattern: /\[[^\]\n]+\]\([^)\n]+\)/ },
];
/** Angle brackets are lost even inside Samverka's marks: Teams drops `<kommando>` as an HTML tag ("/samverka "). */
const ANGLE_PLACEHOLDER = { name: "<placeholder> (Teams drops it as an HTML tag)", pattern: /<[^\s<>]+>/ };

/** The platform markup in `text` once Samverka's own marks (**bold**, `type this`) are taken out. */
function platformMarkupIn(text: string): string[] {
  const outsideMarks = parseRichText(text)
    .filter((s) => s.style === "plain")
    .map((s) => s.text)
    .join("\u0000");
  const found = PLATFORM_MARKUP.filter((m) => m.pattern.test(outsideMarks)).map((m) => m.name);
  return found.length === 0 && ANGLE_PLACEHOLDER.pattern.test(text) ? [ANGLE_PLACEHOLDER.name] : found;
}

type Entry = string | ((params: Record<string, unknown>, f: unknown) => string);
type AnyCatalogue = Record<string, Record<string, Entry>>;

const isCatalogue = (value: unknown): value is AnyCatalogue =>
  typeof value === "object" && value !== null && LOCALES.every((l) => typeof (value as Record<string, unknown>)[l] === "object");

// Entries are functions of their parameters: call each with every parameter as a date, a number and a word, and read
// its source too, so markup in a template literal is found even when these samples do not fit the entry.
const SAMPLES: unknown[] = [new Date("2026-12-03T12:00:00Z"), 3, "Styrgruppen"];
function textsOf(entry: Entry): string[] {
  if (typeof entry === "string") return [entry];
  const rendered = SAMPLES.flatMap((sample) => {
    const params = new Proxy({}, { get: (_target, key) => (typeof key === "string" ? sample : undefined) });
    try {
      return [entry(params, formatters)];
    } catch {
      return [];
    }
  });
  // Only the string literals of the source: code (a * b, a_b) is not text.
  const literals = [...entry.toString().matchAll(/`([^`]*)`|"([^"\n]*)"/g)].map((m) => (m[1] ?? m[2])!.replace(/\$\{[^}]*\}/g, "x"));
  return [...rendered, ...literals];
}

const formatters = {
  locale: "sv",
  date: () => "2026-12-03",
  time: () => "kl. 13.00",
  dateTime: () => "2026-12-03 kl. 13.00",
  weekday: () => "torsdag",
  week: () => "v. 49",
  number: (n: number) => String(n),
  plural: (_n: number, one: string) => one,
  list: (items: string[]) => items.join(", "),
};

describe("message catalogues carry neutral rich text only", () => {
  const catalogueFiles = sourceFiles("src", "adapters").filter((f) => f.endsWith(".messages.ts"));

  it("declares every catalogue in a *.messages.ts file, where this test reads it", () => {
    const elsewhere = sourceFiles("src", "adapters")
      .filter((f) => !f.endsWith(".messages.ts") && f !== path.join("src", "shared", "i18n.ts"))
      .filter((f) => /\b(const|let)\s+\w+\s*:\s*Catalogue</.test(readFileSync(path.join(root, f), "utf8")));
    expect(elsewhere).toEqual([]);
  });

  it("finds no Slack or Teams markup in any catalogue string, in Swedish or English", async () => {
    const offenders: string[] = [];
    let entries = 0;
    for (const file of catalogueFiles) {
      const module = (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, unknown>;
      for (const [name, catalogue] of Object.entries(module).filter(([, v]) => isCatalogue(v))) {
        for (const locale of LOCALES) {
          for (const [key, entry] of Object.entries((catalogue as AnyCatalogue)[locale]!)) {
            entries++;
            const found = new Map(textsOf(entry).flatMap((text) => platformMarkupIn(text).map((markup) => [markup, text] as const)));
            for (const [markup, text] of found) offenders.push(`${file} ${name}.${locale}["${key}"]: ${markup} in "${text}"`);
          }
        }
      }
    }
    expect(entries).toBeGreaterThan(500);
    expect(offenders).toEqual([]);
  });

  it("recognises each kind of platform markup, and reads Samverka's own marks and nothing else as marks", () => {
    expect(platformMarkupIn("*hjälp* – visar listan")).toHaveLength(1);
    expect(platformMarkupIn("Se _detta_ först")).toHaveLength(1);
    expect(platformMarkupIn("Läs <https://example.org|här>")).toHaveLength(1);
    expect(platformMarkupIn("Fråga <@U0123>")).toHaveLength(1);
    expect(platformMarkupIn("Fråga <at>Maja</at>")).toHaveLength(1);
    expect(platformMarkupIn("Läs [här](https://example.org)")).toHaveLength(1);
    expect(platformMarkupIn("i Slack: /samverka <kommando>")).toHaveLength(1);
    expect(platformMarkupIn("skriv `agenda <text>`")).toHaveLength(1);
    expect(platformMarkupIn("**hjälp** – skriv `agenda Budget 2027`; nycklar med - och _, t.ex. ny-gemenskap")).toEqual([]);
    expect(plainText("**hjälp** eller `help`")).toBe("hjälp eller help");
    expect(parseRichText("811218-****, 701063-****")).toEqual([{ text: "811218-****, 701063-****", style: "plain" }]);
  });
});
