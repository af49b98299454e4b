/**
 * Samverka's rich text: the one markup every catalogue (and every message the core composes) writes, and every
 * adapter renders in its platform's own syntax. It has two marks and nothing else:
 *
 *   **text**   emphasis: bold on every platform (Slack mrkdwn `*text*`, Adaptive Card markdown `**text**`)
 *   `text`     something to type as it stands, e.g. `agenda Budget 2027` (a code span in Slack; bold in Teams,
 *              whose cards have no code span)
 *
 * Platform markup (Slack's `*x*`, `_x_`, `<url|x>`, `<@U…>`; Teams' `<at>…</at>`, `[x](url)`) never appears in the
 * core: a test reads every catalogue and fails on it.
 */

/** A run of text with one style. */
export interface RichSpan {
  text: string;
  style: "plain" | "bold" | "command";
}

// A run of three or more stars is text, not a mark: a masked personnummer reads 811218-****.
const MARKS = /(?<!\*)\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*(?!\*)|`([^`\n]+)`/g;

/** Splits neutral rich text into runs; an unmatched mark is plain text. */
export function parseRichText(text: string): RichSpan[] {
  const spans: RichSpan[] = [];
  let at = 0;
  for (const match of text.matchAll(MARKS)) {
    if (match.index > at) spans.push({ text: text.slice(at, match.index), style: "plain" });
    spans.push(match[1] !== undefined ? { text: match[1], style: "bold" } : { text: match[2]!, style: "command" });
    at = match.index + match[0].length;
  }
  if (at < text.length) spans.push({ text: text.slice(at), style: "plain" });
  return spans;
}

/** The text without its marks, for places a platform shows plain text only (headings, buttons, notifications). */
export function plainText(text: string): string {
  return parseRichText(text)
    .map((s) => s.text)
    .join("");
}

/** Renders neutral rich text by rendering each run; adapters pass their platform's syntax. */
export function renderRichText(text: string, render: (span: RichSpan) => string): string {
  return parseRichText(text).map(render).join("");
}
