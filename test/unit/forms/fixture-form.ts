import { parseFormDefinition, type FormDefinition } from "../../../src/forms/index.ts";

const l = (sv: string, en: string) => ({ sv, en });

/** A small form with every field type, a condition and a sum check. */
export const visitorsForm: FormDefinition = parseFormDefinition({
  id: "test",
  title: l("Testformulär", "Test form"),
  fields: [
    { id: "total", type: "integer", label: l("Besökare totalt", "Visitors in total"), min: 0, max: 10000 },
    { id: "women", type: "integer", label: l("Kvinnor", "Women") },
    { id: "men", type: "integer", label: l("Män", "Men") },
    { id: "other", type: "integer", label: l("Annat/okänt", "Other/unknown") },
    { id: "cost", type: "amount", label: l("Kostnad", "Cost") },
    { id: "share", type: "decimal", label: l("Beläggning %", "Occupancy %"), max: 100, decimals: 1, required: false },
    { id: "incidents", type: "yesno", label: l("Hot eller våld?", "Threats or violence?") },
    {
      id: "kinds",
      type: "multichoice",
      label: l("Vilka slag?", "Which kinds?"),
      showIf: { field: "incidents", equals: true },
      choices: [
        { value: "threat", label: l("Hot", "Threat") },
        { value: "violence", label: l("Våld", "Violence") },
      ],
    },
    {
      id: "season",
      type: "choice",
      label: l("Säsong", "Season"),
      choices: [
        { value: "winter", label: l("Vinter", "Winter") },
        { value: "summer", label: l("Sommar", "Summer") },
      ],
    },
    { id: "from", type: "date", label: l("Från", "From"), min: "2026-01-01" },
    { id: "note", type: "text", label: l("Iakttagelser", "Observations"), maxLength: 200, required: false },
  ],
  checks: [{ kind: "sum", parts: ["women", "men", "other"], total: "total" }],
});
