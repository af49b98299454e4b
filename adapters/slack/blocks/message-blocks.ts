import type { KnownBlock } from "@slack/types";
import type { Block, Message } from "../../../src/chat/message.ts";
import { toSlackActionId } from "./action-id.ts";
import { mrkdwn, plain, toMrkdwn, truncate } from "./text.ts";

/** Slack's limits: 50 blocks a message, 10 fields a section, 25 elements an actions block, 100 options a select. */
const MAX_BLOCKS = 50;
const MAX_FIELDS = 10;
const MAX_ELEMENTS = 25;
const MAX_OPTIONS = 100;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function renderBlock(block: Block, nextIndex: () => number): KnownBlock[] {
  switch (block.type) {
    case "heading":
      return [{ type: "header", text: plain(block.text, 150) }];
    case "text":
      return [{ type: "section", text: mrkdwn(block.text) }];
    case "facts":
      return chunk(block.facts, MAX_FIELDS).map((facts) => ({
        type: "section",
        fields: facts.map((f) => ({ type: "mrkdwn", text: `*${mrkdwn(f.label, 300).text}*\n${mrkdwn(f.value, 1600).text}` })),
      }));
    case "list":
      return [{ type: "section", text: mrkdwn(block.items.map((item) => `• ${item}`).join("\n")) }];
    case "buttons":
      return chunk(block.buttons, MAX_ELEMENTS).map((buttons) => ({
        type: "actions",
        elements: buttons.map((b) => ({
          type: "button",
          action_id: toSlackActionId(b.actionId, nextIndex()),
          text: plain(b.label, 75),
          value: truncate(b.value, 2000),
          ...(b.style === undefined ? {} : { style: b.style }),
        })),
      }));
    case "select":
      return [
        {
          type: "actions",
          elements: [
            {
              type: "static_select",
              action_id: toSlackActionId(block.actionId, nextIndex()),
              placeholder: plain(block.placeholder, 150),
              options: block.choices.slice(0, MAX_OPTIONS).map((c) => ({ text: plain(c.label, 75), value: truncate(c.value, 150) })),
            },
          ],
        },
      ];
    case "divider":
      return [{ type: "divider" }];
  }
}

/** Renders a neutral message as Block Kit; `text` stays the notification and screen-reader fallback. */
export function renderMessage(message: Message): { text: string; blocks: KnownBlock[] } {
  let index = 0;
  const nextIndex = () => index++;
  const blocks = message.blocks.flatMap((b) => renderBlock(b, nextIndex)).slice(0, MAX_BLOCKS);
  return { text: truncate(toMrkdwn(message.text), 3000), blocks };
}
