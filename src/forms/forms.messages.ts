import type { Catalogue } from "../shared/i18n.ts";

export type FormsKey =
  | "problem.empty"
  | "problem.required"
  | "problem.not_a_number"
  | "problem.not_whole"
  | "problem.not_an_amount"
  | "hint.not_whole"
  | "hint.not_a_number"
  | "hint.not_an_amount"
  | "problem.too_many_decimals"
  | "problem.below_min"
  | "problem.above_max"
  | "problem.unknown_choice"
  | "problem.too_few_choices"
  | "problem.too_many_choices"
  | "problem.not_a_date"
  | "problem.date_before"
  | "problem.date_after"
  | "problem.not_yes_no"
  | "problem.too_long"
  | "problem.personnummer"
  | "warn.personal"
  | "warn.personal_conversation"
  | "warn.kind.name"
  | "warn.kind.phone"
  | "warn.kind.email"
  | "check.sum"
  | "check.atMost"
  | "check.allOrNone"
  | "check.fix_hint"
  | "conv.progress"
  | "conv.current"
  | "conv.prefilled"
  | "conv.optional"
  | "conv.choice_hint"
  | "conv.multichoice_hint"
  | "conv.yesno_hint"
  | "conv.date_hint"
  | "conv.time_hint"
  | "problem.not_a_time"
  | "conv.text_hint"
  | "conv.commands"
  | "conv.refused"
  | "conv.pause_hint"
  | "conv.cannot_skip"
  | "conv.no_such_question"
  | "conv.at_first"
  | "conv.edit_how"
  | "conv.summary_heading"
  | "conv.summary_hint"
  | "conv.submit_button"
  | "conv.edit_button"
  | "conv.paused"
  | "conv.cancelled"
  | "conv.cancelled_correction"
  | "conv.prefilled_one"
  | "conv.prefilled_many"
  | "conv.status"
  | "conv.missing_required"
  | "conv.no_help"
  | "value.yes"
  | "value.no"
  | "value.skipped"
  | "value.none"
  | "form.optional"
  | "form.shown_if";

export const formsMessages: Catalogue<FormsKey> = {
  sv: {
    "problem.empty": "svaret var tomt.",
    "problem.required": "frågan måste besvaras.",
    "problem.not_a_number": "det måste vara ett tal, t.ex. 12 eller 12,5.",
    "problem.not_whole": "det måste vara ett heltal, t.ex. 12.",
    "problem.not_an_amount": "det måste vara ett belopp i kronor, t.ex. 12 500 eller 12 500,50.",
    "hint.not_whole": "Svara med ett heltal, t.ex. 12.",
    "hint.not_a_number": "Svara med ett tal, t.ex. 12 eller 12,5.",
    "hint.not_an_amount": "Svara med ett belopp i kronor, t.ex. 12 500 eller 12 500,50.",
    "problem.too_many_decimals": "högst {decimals} decimaler.",
    "problem.below_min": "talet får inte vara mindre än {min}.",
    "problem.above_max": "talet får inte vara större än {max}.",
    "problem.unknown_choice": "välj ett av alternativen ({options}).",
    "problem.too_few_choices": "välj minst {min}.",
    "problem.too_many_choices": "välj högst {max}.",
    "problem.not_a_date": "det måste vara ett datum som 2026-12-03.",
    "problem.date_before": "datumet får inte vara före {min}.",
    "problem.date_after": "datumet får inte vara efter {max}.",
    "problem.not_yes_no": "svara ja eller nej.",
    "problem.too_long": "texten är {length} tecken, högst {max} får plats.",
    "problem.personnummer":
      "texten innehåller ett personnummer eller samordningsnummer ({found}). Samverka får aldrig innehålla uppgifter som pekar ut en person: ta bort numret (och eventuella namn) och skriv igen.",
    "warn.personal":
      "Texten ser ut att innehålla {what}. Skriv roller (personal, besökare) i stället för namn, och inga kontaktuppgifter till enskilda. Är det inte en person? Skicka igen utan ändringar, så sparas texten.",
    "warn.personal_conversation":
      "Svaret ser ut att innehålla {what}. Skriv roller (personal, besökare) i stället för namn, och inga kontaktuppgifter till enskilda. Är det inte en person? Skriv samma svar igen, så sparas det.",
    "warn.kind.name": "ett namn ({found})",
    "warn.kind.phone": "ett telefonnummer ({found})",
    "warn.kind.email": "en e-postadress ({found})",
    "check.sum": "{parts} blir {actual}, men {total} är {expected}. De ska vara lika.",
    "check.atMost": "{field} ({actual}) får inte vara större än {max} ({expected}).",
    "check.allOrNone": "{fields} hör ihop: fyll i {missing} också, eller lämna alla tomma.",
    "check.fix_hint": "Svara igen, eller skriv ändra {n} för att ändra {label}.",
    "conv.progress": "Fråga {n} av {count}",
    "conv.current": "Nuvarande svar: {value}. Svara ok för att behålla det.",
    "conv.prefilled": "Förifyllt med det boten redan vet: {value}. Svara ok för att behålla det, eller skriv rätt siffra.",
    "conv.optional": "Frågan är frivillig: skriv hoppa över för att gå vidare.",
    "conv.choice_hint": "Svara med numret eller alternativet.",
    "conv.multichoice_hint": "Svara med ett eller flera nummer, t.ex. 1, 3.",
    "conv.yesno_hint": "Svara ja eller nej.",
    "conv.date_hint": "Svara med ett datum, t.ex. 2026-12-03.",
    "conv.time_hint": "Svara med ett klockslag, t.ex. 23.40.",
    "problem.not_a_time": "det måste vara ett klockslag som 23.40.",
    "conv.text_hint": "Högst {max} tecken. Skriv inga namn eller personnummer.",
    "conv.commands": "Du kan när som helst skriva tillbaka, hoppa över, ändra 3, paus, avbryt eller status.",
    "conv.refused": "Det svaret gick inte att spara: {reason}",
    "conv.pause_hint": "Vill du göra något annat först? Skriv paus, så fortsätter vi senare.",
    "conv.cannot_skip": "Den här frågan måste besvaras och kan inte hoppas över.",
    "conv.no_such_question": "Det finns ingen fråga {n}. Frågorna är numrerade 1–{count}.",
    "conv.at_first": "Det här är första frågan.",
    "conv.edit_how": "Skriv ändra och frågans nummer, t.ex. ändra 3.",
    "conv.summary_heading": "Sammanfattning: {title}",
    "conv.summary_hint": "Stämmer allt? Tryck Skicka in, eller skriv ändra och frågans nummer (t.ex. ändra 3).",
    "conv.submit_button": "Skicka in",
    "conv.edit_button": "Ändra",
    "conv.paused": "Pausat. Allt du svarat är sparat. Skriv fortsätt när du vill ta vid där du slutade.",
    "conv.cancelled": "Avbrutet. Inget skickades in. Skriv rapport för att börja om.",
    "conv.cancelled_correction": "Ändringen avbröts. Version {version} gäller fortfarande.",
    "conv.prefilled_one": "Fråga {numbers} är ifylld från larmen: {values}. Skriv `ändra {first}` för att ändra.",
    "conv.prefilled_many": "Fråga {numbers} är ifyllda från larmen: {values}. Skriv `ändra {first}` för att ändra.",
    "conv.status": "{title}: {answered} av {count} frågor besvarade.",
    "conv.missing_required": "Fråga {n} måste besvaras innan du kan skicka in.",
    "conv.no_help": "Det finns ingen extra hjälptext till den här frågan.",
    "value.yes": "ja",
    "value.no": "nej",
    "value.skipped": "(hoppades över)",
    "value.none": "inga",
    "form.optional": "frivillig",
    "form.shown_if": "Besvaras bara om {field} är {value}.",
  },
  en: {
    "problem.empty": "the answer was empty.",
    "problem.required": "this question must be answered.",
    "problem.not_a_number": "it must be a number, e.g. 12 or 12.5.",
    "problem.not_whole": "it must be a whole number, e.g. 12.",
    "problem.not_an_amount": "it must be an amount in kronor, e.g. 12500 or 12500.50.",
    "hint.not_whole": "Answer with a whole number, e.g. 12.",
    "hint.not_a_number": "Answer with a number, e.g. 12 or 12.5.",
    "hint.not_an_amount": "Answer with an amount in kronor, e.g. 12500 or 12500.50.",
    "problem.too_many_decimals": "at most {decimals} decimals.",
    "problem.below_min": "the number may not be less than {min}.",
    "problem.above_max": "the number may not be greater than {max}.",
    "problem.unknown_choice": "pick one of the options ({options}).",
    "problem.too_few_choices": "pick at least {min}.",
    "problem.too_many_choices": "pick at most {max}.",
    "problem.not_a_date": "it must be a date like 2026-12-03.",
    "problem.date_before": "the date may not be before {min}.",
    "problem.date_after": "the date may not be after {max}.",
    "problem.not_yes_no": "answer yes or no.",
    "problem.too_long": "the text is {length} characters; at most {max} fit.",
    "problem.personnummer":
      "the text contains a personal identity or coordination number ({found}). Nothing in Samverka may identify a person: remove the number (and any names) and write it again.",
    "warn.personal":
      "The text seems to contain {what}. Refer to roles (staff, visitor) instead of names, and give no one's contact details. Not a person? Send it again unchanged and it is saved.",
    "warn.personal_conversation":
      "The answer seems to contain {what}. Refer to roles (staff, visitor) instead of names, and give no one's contact details. Not a person? Write the same answer again and it is saved.",
    "warn.kind.name": "a name ({found})",
    "warn.kind.phone": "a phone number ({found})",
    "warn.kind.email": "an e-mail address ({found})",
    "check.sum": "{parts} add up to {actual}, but {total} is {expected}. They must be equal.",
    "check.atMost": "{field} ({actual}) may not be greater than {max} ({expected}).",
    "check.allOrNone": "{fields} go together: fill in {missing} too, or leave them all empty.",
    "check.fix_hint": "Answer again, or write edit {n} to change {label}.",
    "conv.progress": "Question {n} of {count}",
    "conv.current": "Current answer: {value}. Reply ok to keep it.",
    "conv.prefilled": "Prefilled with what the bot already knows: {value}. Reply ok to keep it, or type the right figure.",
    "conv.optional": "This question is optional: write skip to move on.",
    "conv.choice_hint": "Answer with the number or the option.",
    "conv.multichoice_hint": "Answer with one or more numbers, e.g. 1, 3.",
    "conv.yesno_hint": "Answer yes or no.",
    "conv.date_hint": "Answer with a date, e.g. 2026-12-03.",
    "conv.time_hint": "Answer with a time of day, e.g. 23.40.",
    "problem.not_a_time": "it must be a time of day such as 23.40.",
    "conv.text_hint": "At most {max} characters. Do not write names or personal identity numbers.",
    "conv.commands": "At any time you can write back, skip, edit 3, pause, cancel or status.",
    "conv.refused": "That answer could not be saved: {reason}",
    "conv.pause_hint": "Want to do something else first? Write pause and we will continue later.",
    "conv.cannot_skip": "This question must be answered and cannot be skipped.",
    "conv.no_such_question": "There is no question {n}. The questions are numbered 1–{count}.",
    "conv.at_first": "This is the first question.",
    "conv.edit_how": "Write edit and the question's number, e.g. edit 3.",
    "conv.summary_heading": "Summary: {title}",
    "conv.summary_hint": "All correct? Press Submit, or write edit and the question's number (e.g. edit 3).",
    "conv.submit_button": "Submit",
    "conv.edit_button": "Edit",
    "conv.paused": "Paused. Everything you answered is saved. Write continue when you want to pick up where you left off.",
    "conv.cancelled": "Cancelled. Nothing was submitted. Write report to start again.",
    "conv.cancelled_correction": "The change was cancelled. Version {version} still stands.",
    "conv.prefilled_one": "Question {numbers} is filled in from the alerts: {values}. Write `edit {first}` to change it.",
    "conv.prefilled_many": "Questions {numbers} are filled in from the alerts: {values}. Write `edit {first}` to change them.",
    "conv.status": "{title}: {answered} of {count} questions answered.",
    "conv.missing_required": "Question {n} must be answered before you can submit.",
    "conv.no_help": "There is no extra help for this question.",
    "value.yes": "yes",
    "value.no": "no",
    "value.skipped": "(skipped)",
    "value.none": "none",
    "form.optional": "optional",
    "form.shown_if": "Only answered when {field} is {value}.",
  },
};
