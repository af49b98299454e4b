import { describe, expect, it } from "vitest";
import { fromSlackActionId } from "../../../adapters/slack/blocks/action-id.ts";
import { decodeFormMetadata, encodeFormMetadata } from "../../../adapters/slack/blocks/form-metadata.ts";
import { renderFormView, toModalErrors } from "../../../adapters/slack/blocks/form-view.ts";
import { renderMessage } from "../../../adapters/slack/blocks/message-blocks.ts";
import type { FormView } from "../../../src/chat/message.ts";

describe("rendering messages as Block Kit", () => {
  it("renders each neutral block and keeps the text as the notification fallback", () => {
    const { text, blocks } = renderMessage({
      text: "Kall natt 2026-12-03",
      blocks: [
        { type: "heading", text: "Extra kall natt" },
        { type: "text", text: "SMHI: −9 °C kl. 03.00" },
        { type: "facts", facts: [{ label: "Platser", value: "40" }] },
        { type: "list", items: ["Convictus", "Ny Gemenskap"] },
        { type: "divider" },
        { type: "select", actionId: "coldnight.places", placeholder: "Antal", choices: [{ value: "10", label: "10" }] },
      ],
    });
    expect(text).toBe("Kall natt 2026-12-03");
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "section", "section", "divider", "actions"]);
    expect(JSON.stringify(blocks[3])).toContain("• Convictus\\n• Ny Gemenskap");
  });

  it("escapes <, > and & so free text cannot ping @channel or hide a link", () => {
    const { blocks } = renderMessage({ text: "x", blocks: [{ type: "text", text: "<!channel> & <https://evil.example|bank>" }] });
    expect(blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "&lt;!channel&gt; &amp; &lt;https://evil.example|bank&gt;" } });
  });

  it("gives buttons sharing an actionId distinct Slack action_ids that parse back to the same actionId", () => {
    const { blocks } = renderMessage({
      text: "Svar",
      blocks: [
        {
          type: "buttons",
          buttons: [
            { actionId: "coldnight.answer", label: "Ja", value: "yes", style: "primary" },
            { actionId: "coldnight.answer", label: "Nej", value: "no" },
          ],
        },
      ],
    });
    const elements = (blocks[0] as { elements: { action_id: string; style?: string }[] }).elements;
    expect(new Set(elements.map((e) => e.action_id)).size).toBe(2);
    expect(elements.map((e) => fromSlackActionId(e.action_id))).toEqual(["coldnight.answer", "coldnight.answer"]);
    expect(elements[0]!.style).toBe("primary");
  });

  it("splits more than 10 facts over several sections and never sends more than 50 blocks", () => {
    const facts = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `${i}` }));
    expect(renderMessage({ text: "x", blocks: [{ type: "facts", facts }] }).blocks).toHaveLength(3);
    const many = Array.from({ length: 80 }, () => ({ type: "divider" as const }));
    expect(renderMessage({ text: "x", blocks: many }).blocks).toHaveLength(50);
  });
});

const form: FormView = {
  formId: "alerts.incident",
  title: "Rapportera hot eller våld",
  submitLabel: "Skicka",
  state: "p:alfa",
  intro: "Nämn inga namn.",
  fields: [
    { id: "when", label: "När", kind: "date", required: true, initial: "2026-12-03" },
    {
      id: "kind",
      label: "Typ",
      kind: "choice",
      required: true,
      choices: [
        { value: "threat", label: "Hot" },
        { value: "violence", label: "Våld" },
      ],
      initial: "threat",
    },
    { id: "police", label: "Polis kontaktad", kind: "yesno", required: true },
    { id: "what", label: "Vad hände", kind: "multiline", required: false, maxLength: 2000, help: "Roller, inte namn" },
    { id: "support", label: "Stöd", kind: "multichoice", required: false, choices: [{ value: "talk", label: "Avlastningssamtal" }] },
    { id: "count", label: "Antal", kind: "number", required: false },
  ],
};

describe("rendering forms as modals", () => {
  it("renders every field as an input block keyed by field id, with the formId as callback_id", () => {
    const view = renderFormView(form, { conversation: "slack:C0KANAL" }, "sv");
    expect(view.callback_id).toBe("alerts.incident");
    expect(view.title.text).toHaveLength(24);
    const inputs = view.blocks.filter((b) => b.type === "input") as { block_id: string; optional: boolean; element: { type: string; action_id: string } }[];
    expect(inputs.map((b) => [b.block_id, b.element.type, b.optional])).toEqual([
      ["when", "datepicker", false],
      ["kind", "radio_buttons", false],
      ["police", "radio_buttons", false],
      ["what", "plain_text_input", true],
      ["support", "checkboxes", true],
      ["count", "number_input", true],
    ]);
    expect(JSON.stringify(view.blocks)).toContain('"text":"Ja"');
    expect(decodeFormMetadata(view.private_metadata!)).toEqual({ state: "p:alfa", conversation: "slack:C0KANAL" });
  });

  it("keeps a text field's max length within Slack's 3000 characters", () => {
    const view = renderFormView(
      { ...form, fields: [{ id: "long", label: "Lång text", kind: "multiline", required: false, maxLength: 10_000 }] },
      { conversation: "slack:C0" },
      "sv",
    );
    expect(JSON.stringify(view.blocks)).toContain('"max_length":3000');
  });

  it("lists the errors of a form re-opened after a refusal above its fields", () => {
    const view = renderFormView({ ...form, errors: { when: "Datumet har passerat" } }, { conversation: "slack:C0KANAL" }, "en");
    expect(JSON.stringify(view.blocks)).toContain("När: Datumet har passerat");
    expect(JSON.stringify(view.blocks)).toContain("The form was not saved");
  });

  it("puts errors for ids the modal does not have on its first input, so Slack accepts the response", () => {
    expect(toModalErrors({ when: "Fel datum", "": "Du är inte medlem" }, ["when", "kind"])).toEqual({ when: "Fel datum Du är inte medlem" });
  });

  it("refuses form state too large for private_metadata instead of truncating it", () => {
    expect(() => encodeFormMetadata({ state: "x".repeat(3000), conversation: "slack:C0" })).toThrow(/at most 3000/);
    const withUrl = encodeFormMetadata({ state: "x".repeat(2900), conversation: "slack:C0", responseUrl: `https://hooks.slack.com/${"a".repeat(100)}` });
    expect(decodeFormMetadata(withUrl)).toEqual({ state: "x".repeat(2900), conversation: "slack:C0" });
  });
});

describe("rendering Samverka's neutral rich text as Slack mrkdwn", () => {
  it("turns **bold** into *bold*, keeps `type this` as code, and drops the marks where Slack shows plain text", () => {
    const { text, blocks } = renderMessage({
      text: "Skriv **hjälp**",
      blocks: [
        { type: "heading", text: "**Samverka**" },
        { type: "text", text: "**hjälp** – visar listan; skriv `agenda Budget 2027` & <!here>" },
        { type: "buttons", buttons: [{ actionId: "x", label: "**Ja**", value: "yes" }] },
      ],
    });
    expect(text).toBe("Skriv *hjälp*");
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Samverka", emoji: true } });
    expect(blocks[1]).toEqual({ type: "section", text: { type: "mrkdwn", text: "*hjälp* – visar listan; skriv `agenda Budget 2027` &amp; &lt;!here&gt;" } });
    expect(JSON.stringify(blocks[2])).toContain('"text":"Ja"');
  });
});
