import { describe, expect, it } from "vitest";
import { failingChecks, parseFormDefinition, readFormValues, respond, startConversation, type FormDefinition } from "../../../src/forms/index.ts";

const l = (sv: string, en: string) => ({ sv, en });

/** An action item: its text, owner and due date are given together or not at all. */
const actionForm: FormDefinition = parseFormDefinition({
  id: "action",
  title: l("Åtgärd", "Action"),
  fields: [
    { id: "what", type: "text", label: l("Åtgärd", "Action"), maxLength: 100, required: false },
    {
      id: "owner",
      type: "choice",
      label: l("Ansvarig", "Owner"),
      required: false,
      choices: [
        { value: "bo", label: l("Bo", "Bo") },
        { value: "eva", label: l("Eva", "Eva") },
      ],
    },
    { id: "due", type: "date", label: l("Senast", "Due"), required: false },
  ],
  checks: [{ kind: "allOrNone", fields: ["what", "owner", "due"] }],
});

describe("an all-or-none check", () => {
  it("passes when every field is given and when none is", () => {
    expect(failingChecks(actionForm, { what: "Lokalförslag", owner: "bo", due: "2026-10-30" })).toEqual([]);
    expect(failingChecks(actionForm, { what: null, owner: null, due: null })).toEqual([]);
  });

  it("fails on the first field left out when some are given, with how many were", () => {
    const [failure] = failingChecks(actionForm, { what: "Lokalförslag", owner: null, due: null });
    expect(failure).toMatchObject({ anchor: "owner", actual: 1, expected: 3 });
  });

  it("does not fail on a field not yet asked, so a conversation can go on to it", () => {
    expect(failingChecks(actionForm, { what: "Lokalförslag" })).toEqual([]);
  });

  it("puts the error on the field left out in the one-view form, in both languages", () => {
    const sv = readFormValues(actionForm, { what: "Lokalförslag", owner: "", due: "2026-10-30" }, "sv");
    expect(!sv.ok && sv.errors).toEqual({ owner: "Åtgärd, Ansvarig och Senast hör ihop: fyll i Ansvarig också, eller lämna alla tomma." });
    const en = readFormValues(actionForm, { what: "", owner: "bo", due: "" }, "en");
    expect(!en.ok && en.errors).toEqual({ what: "Action, Owner and Due go together: fill in Action too, or leave them all empty." });
    expect(readFormValues(actionForm, { what: "", owner: "", due: "" }, "sv")).toEqual({ ok: true, answers: { what: null, owner: null, due: null } });
  });

  it("refuses an answer in the conversation that leaves a field out, and sends it back there before submitting", () => {
    let state = startConversation(actionForm, {});
    for (const input of ["Lokalförslag", "hoppa över"]) state = respond(actionForm, state, input).state;
    const refused = respond(actionForm, state, "2026-10-30");
    expect(refused).toMatchObject({ changed: false, notice: { kind: "check", failure: { anchor: "owner" } } });
    state = respond(actionForm, state, "hoppa över").state;
    const step = respond(actionForm, state, "skicka");
    expect(step.outcome).toBe("continue");
    expect(step.state.current).toBe("owner");
    expect(step.notice).toMatchObject({ kind: "check", failure: { anchor: "owner" } });
  });

  it("is refused on a required field, which could never be left out", () => {
    expect(() =>
      parseFormDefinition({
        ...actionForm,
        fields: actionForm.fields.map((f) => (f.id === "what" ? { ...f, required: true } : f)),
      }),
    ).toThrow("what must be an optional field of the form");
  });
});
