import { renderRichText } from "../../../src/shared/rich-text.ts";

/**
 * Neutral rich text (src/shared/rich-text.ts) as Adaptive Card markdown: `**bold**` stays bold, and `` `type this` ``
 * becomes bold too, since a card's TextBlock has no code span (backticks would show as typed). Card fields that show
 * text as typed (titles, input labels, choices, buttons, fallback text) take `plainText` instead.
 */
export function toCardMarkdown(text: string): string {
  return renderRichText(text, (span) => (span.style === "plain" ? span.text : `**${span.text}**`));
}
