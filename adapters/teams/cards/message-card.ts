import type { CardElement, IAdaptiveCard, IExecuteAction } from "@microsoft/teams.cards";
import type { Block, Button, Message } from "../../../src/chat/message.ts";
import { createTranslator, type Locale } from "../../../src/shared/i18n.ts";
import { plainText } from "../../../src/shared/rich-text.ts";
import { teamsMessages } from "../teams.messages.ts";
import { SELECT_INPUT_PREFIX, type CardData } from "./card-data.ts";
import { toCardMarkdown } from "./text.ts";

/** The schema version Teams renders everywhere (desktop, web, mobile) with Universal Actions. */
export const CARD_VERSION = "1.5";

/** A Samverka button as Action.Execute: the verb is the actionId, the data carries the value. */
export function executeAction(title: string, verb: string, data: CardData, style?: Button["style"]): IExecuteAction {
  return {
    type: "Action.Execute",
    title: plainText(title),
    verb,
    data,
    ...(style === "primary" ? { style: "positive" as const } : style === "danger" ? { style: "destructive" as const } : {}),
  };
}

function renderBlock(block: Block, locale: Locale): CardElement[] {
  switch (block.type) {
    case "heading":
      return [{ type: "TextBlock", text: plainText(block.text), size: "Large", weight: "Bolder", wrap: true }];
    case "text":
      return [{ type: "TextBlock", text: toCardMarkdown(block.text), wrap: true }];
    case "facts":
      return [{ type: "FactSet", facts: block.facts.map((f) => ({ title: toCardMarkdown(f.label), value: toCardMarkdown(f.value) })) }];
    case "list":
      // Adaptive Cards' markdown renders "- item" lines as a bulleted list.
      return [{ type: "TextBlock", text: block.items.map((i) => `- ${toCardMarkdown(i)}`).join("\r\n"), wrap: true }];
    case "buttons":
      return [
        {
          type: "ActionSet",
          actions: block.buttons.map((b) => executeAction(b.label, b.actionId, { samverka: "action", actionId: b.actionId, value: b.value }, b.style)),
        },
      ];
    case "select": {
      // Teams cannot act on a choice alone, so a select is a choice set with its own button.
      const input = `${SELECT_INPUT_PREFIX}${block.actionId}`;
      const t = createTranslator(teamsMessages, locale);
      return [
        {
          type: "Input.ChoiceSet",
          id: input,
          placeholder: plainText(block.placeholder),
          choices: block.choices.map((c) => ({ title: plainText(c.label), value: c.value })),
        },
        { type: "ActionSet", actions: [executeAction(t("choose"), block.actionId, { samverka: "select", actionId: block.actionId, input })] },
      ];
    }
    case "divider":
      return [{ type: "Container", separator: true, spacing: "Medium", items: [] }];
  }
}

/** Renders a neutral message as an Adaptive Card; `text` is the fallback a notification shows. Own words in the message's language, else `fallback`. */
export function renderMessageCard(message: Message, fallback: Locale): IAdaptiveCard {
  const locale = message.locale ?? fallback;
  const body = message.blocks.flatMap((b) => renderBlock(b, locale));
  return {
    type: "AdaptiveCard",
    version: CARD_VERSION,
    fallbackText: plainText(message.text),
    body: body.length > 0 ? body : [{ type: "TextBlock", text: toCardMarkdown(message.text), wrap: true }],
  };
}
