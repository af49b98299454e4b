import { describe, expect, it } from "vitest";
import { renderFormCard } from "../../../adapters/teams/cards/form-card.ts";
import { renderMessageCard } from "../../../adapters/teams/cards/message-card.ts";

describe("rendering Samverka's neutral rich text as Adaptive Card markdown", () => {
  it("shows **bold** and `type this` bold (cards have no code span), and drops the marks where a card shows plain text", () => {
    const card = renderMessageCard(
      {
        text: "Skriv **hjälp**",
        blocks: [
          { type: "heading", text: "**Samverka**" },
          { type: "text", text: "**hjälp** – visar listan; skriv `agenda Budget 2027`" },
          { type: "list", items: ["**möten** – kommande möten"] },
          { type: "buttons", buttons: [{ actionId: "x", label: "**Ja**", value: "yes" }] },
        ],
      },
      "sv",
    );
    expect(card.fallbackText).toBe("Skriv hjälp");
    const body = card.body as { type: string; text?: string; actions?: { title: string }[] }[];
    expect(body.map((b) => b.text)).toEqual(["Samverka", "**hjälp** – visar listan; skriv **agenda Budget 2027**", "- **möten** – kommande möten", undefined]);
    expect(body[3]!.actions![0]!.title).toBe("Ja");
  });

  it("renders a form's intro and help as markdown and its labels and choices as plain text, with yes/no in the form's language", () => {
    const card = renderFormCard(
      {
        formId: "f",
        title: "**Formulär**",
        submitLabel: "Skicka",
        state: "",
        intro: "Skriv `12`",
        fields: [{ id: "police", label: "**Polis**", kind: "yesno", required: true, help: "Svara **ja** om polisen kom" }],
      },
      "en",
    );
    const json = JSON.stringify(card);
    expect(json).toContain('"text":"Formulär"');
    expect(json).toContain('"text":"Skriv **12**"');
    expect(json).toContain('"label":"Polis"');
    expect(json).toContain('"text":"Svara **ja** om polisen kom"');
    expect(json).toContain('"title":"Yes"');
  });
});
