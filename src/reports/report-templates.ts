import { fieldsOfCheck, parseFormDefinition, type CrossCheck, type Field, type FormDefinition } from "../forms/index.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { ReportSettings } from "./report-settings.ts";

const l = (sv: string, en: string) => ({ sv, en });
type Short = [sv: string, en: string];
const figure =
  (type: "integer" | "amount") =>
  (id: string, short: Short, sv: string, en: string, extra: Partial<Field> = {}) => ({ id, type, short: l(...short), label: l(sv, en), min: 0, ...extra });
const count = figure("integer");
const amount = figure("amount");
const comment = (maxLength: number) => ({
  id: "comment",
  type: "text",
  label: l("Kommentar", "Comment"),
  help: noNames,
  maxLength,
  multiline: true,
  required: false,
});
const noNames = l(
  "Skriv inga namn eller personnummer: bara iakttagelser om verksamheten.",
  "No names or identity numbers: observations about the service only.",
);

/** The follow-up template (*uppföljningsmall*): the typical figures of DOMAIN.md, broken down by gender. */
// Asked in the follow-up and the monthly report alike; prefilled from the cold nights' bed board.
const turnedAway = count(
  "turned_away",
  ["Fick nej i brist på plats", "Turned away for lack of places"],
  "Hur många fick nej i brist på plats?",
  "How many were turned away for lack of places?",
  { prefill: "turnedAway" },
);

const uppfoljning = {
  id: "uppfoljning",
  title: l("Uppföljning", "Follow-up"),
  fields: [
    count(
      "unique_visitors",
      ["Unika besökare", "Unique visitors"],
      "Hur många unika besökare hade ni under perioden?",
      "How many unique visitors did you have in the period?",
    ),
    count("visitors_women", ["Kvinnor", "Women"], "Hur många av dem var kvinnor?", "How many of them were women?"),
    count("visitors_men", ["Män", "Men"], "Hur många var män?", "How many were men?"),
    count("visitors_other", ["Annat/okänt kön", "Other/unknown gender"], "Hur många var annat kön eller okänt?", "How many were another gender or unknown?"),
    count("nights_provided", ["Övernattningar", "Nights provided"], "Hur många övernattningar gav ni totalt?", "How many nights did you provide in total?"),
    {
      id: "occupancy_percent",
      type: "decimal",
      short: l("Beläggning %", "Occupancy %"),
      label: l("Genomsnittlig beläggning i procent?", "Average occupancy in per cent?"),
      min: 0,
      max: 100,
      decimals: 1,
      total: "average",
      required: false,
    },
    turnedAway,
    count("referrals", ["Länkningar", "Referrals"], "Hur många länkningar till myndigheter gjorde ni?", "How many referrals to authorities did you make?"),
    count(
      "cold_nights",
      ["Extra kalla nätter med extra platser", "Extra cold nights with extra places"],
      "Hur många extra kalla nätter öppnade ni extra platser?",
      "On how many extra cold nights did you open extra places?",
      {
        prefill: "coldNights",
      },
    ),
    count(
      "extra_places_used",
      ["Extra platser använda", "Extra places used"],
      "Hur många extra platser användes totalt?",
      "How many extra places were used in total?",
      { prefill: "extraPlacesUsed" },
    ),
    count(
      "incidents",
      ["Hot och våld, händelser", "Threats and violence, incidents"],
      "Hur många händelser av hot eller våld inträffade?",
      "How many incidents of threats or violence occurred?",
      {
        prefill: "incidents",
      },
    ),
    {
      id: "incidents_followed_up",
      type: "yesno",
      short: l("Händelser följda upp", "Incidents followed up"),
      label: l("Har alla händelser dokumenterats och följts upp?", "Have all incidents been documented and followed up?"),
      showIf: { field: "incidents", greaterThan: 0 },
    },
    {
      id: "volunteer_hours",
      type: "decimal",
      short: l("Volontärtimmar", "Volunteer hours"),
      label: l("Hur många volontärtimmar?", "How many volunteer hours?"),
      min: 0,
      decimals: 1,
      required: false,
    },
    {
      id: "observations",
      type: "text",
      short: l("Iakttagelser", "Observations"),
      label: l("Iakttagelser och kommentarer", "Observations and comments"),
      help: noNames,
      maxLength: 1500,
      multiline: true,
      required: false,
    },
  ],
  checks: [
    { kind: "sum", parts: ["visitors_women", "visitors_men", "visitors_other"], total: "unique_visitors" },
    { kind: "atMost", field: "extra_places_used", max: "nights_provided" },
  ],
};

/** The annual economic report: how the city's money was used, with the costs adding up. */
const ekonomi = {
  id: "ekonomi",
  title: l("Ekonomisk redovisning", "Economic report"),
  fields: [
    amount("granted_amount", ["Beviljat belopp", "Granted amount"], "Vilket belopp beviljades från staden?", "What amount did the city grant?"),
    amount("costs_staff", ["Personalkostnader", "Staff costs"], "Kostnader för personal?", "Staff costs?"),
    amount("costs_premises", ["Lokalkostnader", "Premises costs"], "Kostnader för lokaler?", "Premises costs?"),
    amount("costs_other", ["Övriga kostnader", "Other costs"], "Övriga kostnader?", "Other costs?"),
    amount("costs_total", ["Kostnader totalt", "Total costs"], "Kostnader totalt?", "Total costs?"),
    amount("own_financing", ["Egen finansiering", "Own financing"], "Hur mycket finansierade ni själva?", "How much did you finance yourselves?"),
    {
      id: "surplus",
      type: "yesno",
      short: l("Oförbrukade medel finns", "Unspent funds exist"),
      label: l("Finns det oförbrukade medel?", "Are there unspent funds?"),
    },
    amount("surplus_amount", ["Oförbrukade medel", "Unspent funds"], "Hur stort är det oförbrukade beloppet?", "How large is the unspent amount?", {
      showIf: { field: "surplus", equals: true },
    }),
    comment(1500),
  ],
  checks: [
    { kind: "sum", parts: ["costs_staff", "costs_premises", "costs_other"], total: "costs_total" },
    { kind: "atMost", field: "surplus_amount", max: "granted_amount" },
  ],
};

/** Monthly figures (Göteborg pays on monthly economic reporting). */
const manadsrapport = {
  id: "manadsrapport",
  title: l("Månadsrapport", "Monthly report"),
  fields: [
    count("nights_provided", ["Övernattningar", "Nights provided"], "Hur många övernattningar gav ni?", "How many nights did you provide?"),
    count("unique_visitors", ["Unika besökare", "Unique visitors"], "Hur många unika besökare?", "How many unique visitors?"),
    turnedAway,
    amount("costs_month", ["Kostnader", "Costs"], "Kostnader under månaden?", "Costs in the month?"),
    comment(1000),
  ],
  checks: [],
};

const BUILT_IN: Record<string, unknown> = { uppfoljning, ekonomi, manadsrapport };

/** Names of the built-in templates. */
const BUILT_IN_FORMS = Object.keys(BUILT_IN);

/** The forms a partnership can report on: the built-in templates and its own. */
export function availableForms(settings: Pick<ReportSettings, "templates">): string[] {
  return [...new Set([...BUILT_IN_FORMS, ...Object.keys(settings.templates)])];
}

/** The definition of `form` for a partnership: the built-in template with the partnership's changes. */
export function resolveTemplate(form: string, settings: Pick<ReportSettings, "templates">): FormDefinition {
  const base = BUILT_IN[form] as { id: string; title: unknown; fields: { id: string }[]; checks: { kind: string }[] } | undefined;
  const override = settings.templates[form];
  if (base === undefined && override?.fields === undefined) {
    throw new SamverkaError(
      "not_found",
      `There is no template "${form}": use ${BUILT_IN_FORMS.join(", ")} or give its fields under reports.templates.${form}.`,
    );
  }
  const omit = new Set(override?.omit ?? []);
  const fields = [...(override?.fields ?? base!.fields).filter((f) => !omit.has(f.id)), ...(override?.add ?? [])];
  const ids = new Set(fields.map((f) => f.id));
  // A check on a dropped figure no longer applies.
  const checks = (override?.checks ?? (base?.checks as CrossCheck[] | undefined) ?? []).filter((c) => fieldsOfCheck(c).every((id) => ids.has(id)));
  return parseFormDefinition({ id: form, title: override?.title ?? base?.title ?? { sv: form, en: form }, fields, checks });
}
