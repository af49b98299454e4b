import { plainText, renderRichText } from "../../../src/shared/rich-text.ts";

/** Escapes the three characters Slack's mrkdwn treats as control (links, mentions); the rest is shown as typed. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Neutral rich text (src/shared/rich-text.ts) as Slack mrkdwn: `**bold**` → `*bold*`, `` `type this` `` stays code. */
export function toMrkdwn(text: string): string {
  return renderRichText(text, (span) => {
    const escaped = escapeMrkdwn(span.text);
    return span.style === "bold" ? `*${escaped}*` : span.style === "command" ? `\`${escaped}\`` : escaped;
  });
}

/** Cuts `text` to Slack's limit for a field, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A plain_text object within `max` characters; rich-text marks are dropped, since Slack shows them as typed there. */
export function plain(text: string, max = 2000): { type: "plain_text"; text: string; emoji: true } {
  return { type: "plain_text", text: truncate(plainText(text), max), emoji: true };
}

/** A mrkdwn object rendered from neutral rich text, escaped, within `max` characters. */
export function mrkdwn(text: string, max = 3000): { type: "mrkdwn"; text: string } {
  return { type: "mrkdwn", text: truncate(toMrkdwn(text), max) };
}
