/** Reads what the bot sent through the Slack fake (`FakeCall`s) as the platform-neutral `SentItem`s of the driver. */
import { fromSlackActionId } from "../../adapters/slack/blocks/action-id.ts";
import { decodeFormMetadata } from "../../adapters/slack/blocks/form-metadata.ts";
import type { SentButton, SentItem } from "./platform-driver.ts";
import type { FakeCall } from "./slack-fake-api.ts";

/** Collects every human-visible string of Block Kit blocks. */
export function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (typeof node !== "object" || node === null) return [];
  const obj = node as Record<string, unknown>;
  const own = (obj.type === "plain_text" || obj.type === "mrkdwn") && typeof obj.text === "string" ? [obj.text] : [];
  return [
    ...own,
    ...Object.entries(obj)
      .filter(([k]) => k !== "text" || typeof obj.text !== "string")
      .flatMap(([, v]) => textsOf(v)),
  ];
}

function buttonsOf(blocks: unknown): SentButton[] {
  if (!Array.isArray(blocks)) return [];
  return blocks
    .flatMap((b: { type?: string; elements?: unknown[] }) => (b.type === "actions" ? (b.elements ?? []) : []))
    .filter((e): e is { type: string; action_id: string; value?: string; text: { text: string } } => (e as { type?: string }).type === "button")
    .map((e) => ({ actionId: fromSlackActionId(e.action_id), value: e.value ?? "", label: e.text.text }));
}

function messageItem(kind: SentItem["kind"], conversation: string, body: Record<string, unknown>, extra: Partial<SentItem>): SentItem {
  const text = [typeof body.text === "string" ? body.text : "", ...textsOf(body.blocks)].filter((t) => t !== "").join("\n");
  return { kind, conversation, text, buttons: buttonsOf(body.blocks), raw: body, ...extra };
}

/** Reads the fake's calls as what the bot sent; refused calls and calls that show nothing are left out. */
export function sentItemsOf(calls: FakeCall[]): SentItem[] {
  return calls.flatMap((call): SentItem[] => {
    if (call.answer.failed !== undefined) return [];
    const b = call.body;
    const channel = typeof b.channel === "string" ? b.channel : "";
    switch (call.method) {
      case "chat.postMessage":
        return [messageItem(channel.startsWith("D") ? "direct" : "post", channel, b, { messageId: String(call.answer.ts) })];
      case "chat.update":
        return [messageItem("update", channel, b, { messageId: String(b.ts) })];
      case "chat.postEphemeral":
        return [messageItem("private", channel, b, { userId: String(b.user), messageId: String(call.answer.message_ts) })];
      case "response_url": {
        const ctx = call.responseContext!;
        const kind = b.replace_original === true ? "update" : b.response_type === "in_channel" ? "post" : "private";
        return [messageItem(kind, ctx.channel, b, { userId: ctx.userId, messageId: String(call.answer.ts) })];
      }
      case "views.open": {
        const view = b.view as { blocks?: { type: string; block_id?: string }[]; private_metadata?: string; title?: { text: string } };
        const meta = decodeFormMetadata(view.private_metadata ?? "");
        const fields = (view.blocks ?? []).filter((x) => x.type === "input").map((x) => x.block_id ?? "");
        return [{ kind: "form", conversation: meta?.conversation.replace(/^slack:/, "") ?? "", text: textsOf(view).join("\n"), buttons: [], fields, raw: b }];
      }
      case "files.completeUploadExternal": {
        const files = (b.files as { id: string; title?: string }[] | undefined) ?? [];
        const text = [typeof b.initial_comment === "string" ? b.initial_comment : "", ...files.map((f) => f.title ?? f.id)].filter(Boolean).join("\n");
        return [{ kind: "file", conversation: typeof b.channel_id === "string" ? b.channel_id : "", text, buttons: [], raw: b }];
      }
      default:
        return [];
    }
  });
}
