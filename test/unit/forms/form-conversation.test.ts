import { describe, expect, it } from "vitest";
import { readFormValues, renderFormView, respond, startConversation, type ConversationState } from "../../../src/forms/index.ts";
import type { Step } from "../../../src/forms/form-conversation.ts";
import { renderConversation, renderOpening } from "../../../src/forms/form-conversation.view.ts";
import { visitorsForm } from "./fixture-form.ts";

const frame = { title: "Test", submitActionId: "t.submit", editActionId: "t.edit", actionValue: "s1" };

function say(state: ConversationState, ...inputs: string[]): Step {
  let step: Step = { state, outcome: "continue", changed: false };
  for (const input of inputs) step = respond(visitorsForm, step.state, input);
  return step;
}

describe("a form filled in by conversation", () => {
  const start = () => startConversation(visitorsForm, {});

  it("asks one question at a time with progress, and re-asks with a reason after an invalid answer", () => {
    const first = start();
    expect(renderConversation(visitorsForm, first, "sv", frame).text).toBe("Fråga 1 av 10: Besökare totalt");
    const bad = respond(visitorsForm, first, "tjugo");
    expect(bad.changed).toBe(false);
    const text = renderConversation(visitorsForm, bad.state, "sv", frame, bad.notice).text;
    expect(text).toContain("det måste vara ett heltal, t.ex. 12.");
    // The question said so before the bad answer, in the same words.
    expect(renderConversation(visitorsForm, first, "sv", frame).blocks).toContainEqual({ type: "text", text: "Svara med ett heltal, t.ex. 12." });
    const fraction = respond(visitorsForm, first, "12,5");
    expect(renderConversation(visitorsForm, fraction.state, "sv", frame, fraction.notice).text).toContain("det måste vara ett heltal, t.ex. 12.");
    expect(text).toContain("Fråga 1 av 10: Besökare totalt");
    const good = respond(visitorsForm, first, "20");
    expect(good.state.current).toBe("women");
    expect(renderConversation(visitorsForm, good.state, "en", frame).text).toBe("Question 2 of 10: Women");
  });

  it("refuses parts that do not add up to the total and names the figures", () => {
    const step = say(start(), "20", "5", "10", "4");
    expect(step.state.current).toBe("other");
    expect(step.state.answers.other).toBeUndefined();
    const text = renderConversation(visitorsForm, step.state, "sv", frame, step.notice).text;
    expect(text).toContain("Kvinnor + Män + Annat/okänt blir 19, men Besökare totalt är 20");
    expect(text).toContain("ändra 1");
  });

  it("shows a conditional question only when the earlier answer calls for it", () => {
    const no = say(start(), "20", "5", "10", "5", "1000", "hoppa över", "nej");
    expect(no.state.current).toBe("season");
    const yes = say(start(), "20", "5", "10", "5", "1000", "skip", "ja");
    expect(yes.state.current).toBe("kinds");
    expect(renderConversation(visitorsForm, yes.state, "sv", frame).text).toBe("Fråga 8 av 11: Vilka slag?");
  });

  it("goes back, skips only optional questions, and edits from the summary back to the summary", () => {
    let step = say(start(), "20", "tillbaka");
    expect(step.state.current).toBe("total");
    step = say(step.state, "ok", "hoppa över");
    expect(step.notice).toEqual({ kind: "cannot_skip" });
    step = say(step.state, "5", "10", "5", "1000", "skip", "nej", "1", "2026-03-01", "skip");
    expect(step.state.current).toBeNull();
    step = say(step.state, "ändra 5", "1200");
    expect(step.state.current).toBeNull();
    expect(step.state.answers.cost).toBe(1200);
    expect(say(step.state, "ändra 12").notice).toEqual({ kind: "no_such_question", n: 12, count: 10 });
    expect(say(step.state, "skicka in").outcome).toBe("submit");
  });

  it("warns once about an answer that looks like a name or a phone number, and keeps it when written again", () => {
    const atNote = say(start(), "20", "5", "10", "5", "1000", "skip", "nej", "1", "2026-03-01");
    expect(atNote.state.current).toBe("note");
    const warned = say(atNote.state, "Ring Maria Nilsson på 070-1234567");
    expect(warned.state.answers.note).toBeUndefined();
    expect(warned.state.current).toBe("note");
    const text = renderConversation(visitorsForm, warned.state, "sv", frame, warned.notice).text;
    expect(text).toContain("Svaret ser ut att innehålla ett namn (Maria Nilsson) och ett telefonnummer (070-1234567)");
    expect(text).toContain("Skriv samma svar igen, så sparas det.");
    // Another text is a new question to ask; the same one again is the person's call.
    expect(say(warned.state, "Ring Eva Berg").state.answers.note).toBeUndefined();
    const kept = say(warned.state, "Ring Maria Nilsson på 070-1234567");
    expect(kept.state.answers.note).toBe("Ring Maria Nilsson på 070-1234567");
    expect(kept.state.warned).toBeUndefined();
    expect(say(atNote.state, "Fler besökare från Ny Gemenskap").state.answers.note).toBe("Fler besökare från Ny Gemenskap");
  });

  it("passes over questions the bot already answered, naming them with their numbers and how to change them", () => {
    const state = startConversation(visitorsForm, { women: 5, cost: 100, share: 50 }, { prefilled: ["women", "cost", "share"] });
    const opening = renderOpening(visitorsForm, state, "sv", frame).text;
    expect(opening).toContain("Fråga 2, 5–6 är ifyllda från larmen: Kvinnor: 5; Kostnad:");
    expect(opening).toContain("Skriv `ändra 2` för att ändra.");
    const first = say(state, "20");
    expect(first.state.current).toBe("men");
    expect(renderConversation(visitorsForm, first.state, "en", frame, first.notice).text).toContain(
      "Question 2 is filled in from the alerts: Women: 5. Write `edit 2` to change it.",
    );
    const past = say(first.state, "10", "5");
    expect(past.state.current).toBe("incidents");
    expect(past.notice).toEqual({ kind: "prefilled_skipped", fields: ["cost", "share"] });
    expect(renderConversation(visitorsForm, past.state, "sv", frame, past.notice).text).toContain("Fråga 7 av 10");
    // Still there to change: `ändra 5` asks it with the prefilled figure.
    const edit = say(past.state, "ändra 5");
    expect(renderConversation(visitorsForm, edit.state, "sv", frame).text).toBe("Fråga 5 av 10: Kostnad");
  });

  it("pauses and cancels without touching the answers", () => {
    const step = say(start(), "20");
    expect(respond(visitorsForm, step.state, "paus")).toMatchObject({ outcome: "paused", changed: false });
    expect(respond(visitorsForm, step.state, "cancel")).toMatchObject({ outcome: "cancelled", changed: false });
  });

  it("stores the same answers whether filled in by conversation or in one view", () => {
    const chat = say(start(), "20", "5", "10", "5", "12 500,50", "skip", "ja", "1, 2", "vinter", "2026-03-01", "Lugnt");
    expect(chat.state.current).toBeNull();
    const view = readFormValues(
      visitorsForm,
      {
        total: "20",
        women: "5",
        men: "10",
        other: "5",
        cost: "12500.50",
        share: "",
        incidents: "yes",
        kinds: ["threat", "violence"],
        season: "winter",
        from: "2026-03-01",
        note: "Lugnt",
      },
      "sv",
    );
    expect(view.ok).toBe(true);
    const submitted = respond(visitorsForm, chat.state, "skicka");
    expect(submitted.outcome).toBe("submit");
    expect(view.ok && view.answers).toEqual({ ...chat.state.answers, share: null });
  });

  it("puts the same errors on the fields of the one-view form, and drops answers to hidden questions", () => {
    const view = readFormValues(
      visitorsForm,
      { total: "20", women: "5", men: "x", other: "5", cost: "100", incidents: "no", kinds: ["threat"], season: "winter", from: "2026-03-01" },
      "en",
    );
    expect(view.ok).toBe(false);
    expect(!view.ok && view.errors).toEqual({ men: "It must be a whole number, e.g. 12." });
    const sums = readFormValues(
      visitorsForm,
      { total: "20", women: "5", men: "6", other: "5", cost: "100", incidents: "no", season: "winter", from: "2026-03-01" },
      "sv",
    );
    expect(!sums.ok && sums.errors.total).toContain("blir 16, men Besökare totalt är 20");
    const form = renderFormView(visitorsForm, { total: 20, incidents: true }, "sv", { formId: "f", title: "T", submitLabel: "Skicka", state: "s" });
    expect(form.fields.find((f) => f.id === "total")?.initial).toBe("20");
    expect(form.fields.find((f) => f.id === "incidents")?.initial).toBe("yes");
    expect(form.fields.find((f) => f.id === "kinds")).toMatchObject({ required: false, help: "Besvaras bara om Hot eller våld? är ja." });
  });
});
