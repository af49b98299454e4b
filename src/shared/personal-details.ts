import { COMMON_FIRST_NAMES } from "./swedish-first-names.ts";

/** Something in free text that looks like it points at a person: a name, a phone number or an e-mail address. */
export interface PersonalDetail {
  kind: "name" | "phone" | "email";
  /** Where it starts in the text. */
  index: number;
  /** The characters, as written. */
  text: string;
}

const UPPER = "A-ZÅÄÖÆØÉÈÜ";
const LOWER = "a-zåäöæøéèüß";
// A capitalised word, then a capitalised surname (double-barrelled allowed) or an initial: "Maria Nilsson", "Eva S.".
// The surname is a lookahead, so "Ring Maria Nilsson" still finds Maria after trying "Ring Maria".
const NAME = new RegExp(
  `(?<![\\p{L}\\d])([${UPPER}][${LOWER}]+)(?=(\\s+)([${UPPER}][${LOWER}]+(?:-[${UPPER}][${LOWER}]+)?|[${UPPER}]\\.)(?![\\p{L}\\d]))`,
  "gu",
);
// Swedish numbers written as people do: 070-123 45 67, 08-123 456 78, +46 70 123 45 67, 0046701234567.
const PHONE = /(?<![\d+])(?:\+46|0046|0)[\s-]*(?:\(0\)[\s-]*)?\d(?:[\s-]?\d){5,10}(?!\d)/g;
// Starts only where a run of address characters starts: without the lookbehind a long run without "@" costs O(n²).
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/** A warning needs a few examples, not all of them; the cap keeps a long text's cost bounded. */
const MAX_FINDINGS = 20;

/**
 * What in `text` looks like it identifies a person. A warning, not a verdict: "Maria Convictus" may be a shelter's
 * name. Only names starting with a common first name are flagged, so organisation names ("Ny Gemenskap", "Röda
 * Korset") pass. Personal identity numbers are `findPersonnummer`'s (and refused, not warned about).
 */
export function findPersonalDetails(text: string): PersonalDetail[] {
  const found: PersonalDetail[] = [];
  if (text.includes("@")) {
    for (const m of text.matchAll(EMAIL)) if (found.push({ kind: "email", index: m.index, text: m[0] }) >= MAX_FINDINGS) return sorted(found);
  }
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, "").replace(/^(46|0046)/, "");
    if (digits.length < 7 || digits.length > 11 || inside(found, m.index)) continue;
    if (found.push({ kind: "phone", index: m.index, text: m[0].trim() }) >= MAX_FINDINGS) return sorted(found);
  }
  // Names are checked against the addresses and numbers only (a handful), so a text full of names stays linear.
  const others = [...found];
  for (const m of text.matchAll(NAME)) {
    if (!COMMON_FIRST_NAMES.has(m[1]!.toLowerCase()) || inside(others, m.index)) continue;
    if (found.push({ kind: "name", index: m.index, text: `${m[1]}${m[2]}${m[3]}` }) >= MAX_FINDINGS) break;
  }
  return sorted(found);
}

function sorted(found: PersonalDetail[]): PersonalDetail[] {
  return found.sort((a, b) => a.index - b.index);
}

function inside(found: PersonalDetail[], index: number): boolean {
  return found.some((f) => index >= f.index && index < f.index + f.text.length);
}
