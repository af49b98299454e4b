import { createHash } from "node:crypto";
import type { Db } from "../db/database.ts";
import type { FormValues } from "../chat/index.ts";
import type { Answers, FormDefinition } from "./form-definition.ts";
import { readFormValues, typedAnswers, type FormReading } from "./form-view.ts";
import { createFormatters, createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import { findPersonalDetails, type PersonalDetail } from "../shared/personal-details.ts";
import { formsMessages, type FormsKey } from "./forms.messages.ts";

/** A warned text sent again within this long counts as confirmed. */
const CONFIRM_WITHIN_MS = 60 * 60_000;

/** Where free text was written, so the same words in another form or field are warned about afresh. */
export interface FreeTextPlace {
  memberId: string;
  /** The form (or command) and field, e.g. `incident.report/description`. */
  scope: string;
}

/** A hash of where and what, so the text itself is never kept for the confirmation. */
export function fingerprint(scope: string, text: string): string {
  return createHash("sha256")
    .update(`${scope}\n${text.trim().replace(/\s+/g, " ")}`)
    .digest("hex");
}

/** "ett namn (Maria Nilsson) och ett telefonnummer (070-1234567)": what was found, in the person's language. */
export function describePersonalDetails(found: readonly PersonalDetail[], locale: Locale): string {
  const t = createTranslator(formsMessages, locale);
  const f = createFormatters(locale, "Europe/Stockholm");
  const kinds = (["name", "phone", "email"] as const).filter((k) => found.some((d) => d.kind === k));
  return f.list(
    kinds.map((k) =>
      t(`warn.kind.${k}`, {
        found: found
          .filter((d) => d.kind === k)
          .map((d) => d.text)
          .join(", "),
      }),
    ),
  );
}

/** The warning shown on a form field; sending the same text again confirms it. */
export function personalDetailsWarning(found: readonly PersonalDetail[], locale: Locale, how: "form" | "conversation"): string {
  const t: Translate<FormsKey> = createTranslator(formsMessages, locale);
  return t(how === "form" ? "warn.personal" : "warn.personal_conversation", { what: describePersonalDetails(found, locale) });
}

/**
 * Warns, once, about free text that looks like it names a person, gives a phone number or an e-mail address: the
 * first time it returns the warning (and remembers a hash of the text); the same text sent again by the same person
 * within the hour is taken as confirmed (a shelter called "Maria Convictus" is not a person). Personal identity
 * numbers are not warned about here: they are refused before this is asked.
 */
export async function warnOnceAboutPersonalDetails(
  db: Db,
  place: FreeTextPlace,
  text: string,
  locale: Locale,
  now: Date,
  how: "form" | "conversation" = "form",
): Promise<string | undefined> {
  const found = findPersonalDetails(text);
  if (found.length === 0) return undefined;
  const print = fingerprint(place.scope, text);
  await db
    .deleteFrom("free_text_confirmations")
    .where("member_id", "=", place.memberId)
    .where("created_at", "<", new Date(now.getTime() - CONFIRM_WITHIN_MS))
    .execute();
  const confirmed = await db.deleteFrom("free_text_confirmations").where("member_id", "=", place.memberId).where("fingerprint", "=", print).executeTakeFirst();
  if (Number(confirmed.numDeletedRows) > 0) return undefined;
  await db
    .insertInto("free_text_confirmations")
    .values({ member_id: place.memberId, fingerprint: print, created_at: now })
    .onConflict((oc) => oc.columns(["member_id", "fingerprint"]).doUpdateSet({ created_at: now }))
    .execute();
  return personalDetailsWarning(found, locale, how);
}

/**
 * The same warning for every text answer of a form submitted in one view (a modal or a card): errors per field for
 * the answers not yet confirmed, empty when there is nothing to warn about (or all of it was sent before).
 */
export async function warnAboutTextAnswers(
  db: Db,
  place: { memberId: string; formId: string },
  form: FormDefinition,
  answers: Answers,
  locale: Locale,
  now: Date,
): Promise<Record<string, string>> {
  const warnings: Record<string, string> = {};
  for (const field of form.fields) {
    const value = answers[field.id];
    if (field.type !== "text" || typeof value !== "string") continue;
    const warning = await warnOnceAboutPersonalDetails(db, { memberId: place.memberId, scope: `${place.formId}/${field.id}` }, value, locale, now);
    if (warning !== undefined) warnings[field.id] = warning;
  }
  return warnings;
}

/**
 * Reads a one-view submission the way a conversation reads its answers: the engine's refusals first, then the
 * once-only warning about a name, a phone number or an e-mail address; refused, with what was typed, to draw again.
 */
export async function readAndWarn(
  db: Db,
  place: { memberId: string; formId: string },
  form: FormDefinition,
  values: FormValues,
  locale: Locale,
  now: Date,
): Promise<FormReading> {
  const reading = readFormValues(form, values, locale);
  if (!reading.ok) return { ok: false, errors: reading.errors, answers: typedAnswers(values, reading) };
  const warnings = await warnAboutTextAnswers(db, place, form, reading.answers, locale, now);
  return Object.keys(warnings).length === 0 ? reading : { ok: false, errors: warnings, answers: reading.answers };
}
