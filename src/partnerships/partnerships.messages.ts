import type { Catalogue } from "../shared/i18n.ts";
import type { ChangeCounts, ImportEntity } from "./change-summary.ts";
import type { FileIssueReason } from "./file-formats.schema.ts";

/** Every text key of the partnerships capability. */
export type PartnershipMessageKey =
  | `reason.${FileIssueReason}`
  | `entity.${ImportEntity}`
  | `count.${keyof ChangeCounts}`
  | "file.invalid"
  | "file.issue"
  | "file.unreadable"
  | "file.more"
  | "import.usage"
  | "import.noChanges"
  | "import.changed"
  | "import.dryRun"
  | "import.line"
  | "export.usage"
  | "export.notFound"
  | "export.written";

/** Admin-facing texts of the partnerships capability. */
export const partnershipMessages: Catalogue<PartnershipMessageKey> = {
  sv: {
    "entity.partnership": "Partnerskap",
    "entity.organisations": "Organisationer",
    "entity.cityUnits": "Stadens enheter",
    "entity.groups": "Grupper",
    "entity.members": "Medlemmar",
    "entity.identities": "Chattidentiteter",
    "entity.groupMembers": "Gruppmedlemskap",
    "entity.channels": "Kanaler",
    "entity.activities": "Verksamheter",
    "entity.activityStaff": "Personal i verksamheter",
    "entity.settings": "Inställningar",
    "count.created": ({ n }, f) => `${f.number(Number(n))} ${f.plural(Number(n), "skapad", "skapade")}`,
    "count.updated": ({ n }, f) => `${f.number(Number(n))} ${f.plural(Number(n), "ändrad", "ändrade")}`,
    "count.reactivated": ({ n }, f) => `${f.number(Number(n))} ${f.plural(Number(n), "återaktiverad", "återaktiverade")}`,
    "count.deactivated": ({ n }, f) => `${f.number(Number(n))} ${f.plural(Number(n), "avaktiverad", "avaktiverade")}`,
    "count.removed": ({ n }, f) => `${f.number(Number(n))} ${f.plural(Number(n), "borttagen", "borttagna")}`,
    "reason.slug": "måste vara gemener, siffror och bindestreck, t.ex. stockholm-eu",
    "reason.key": "måste vara en nyckel av gemener, siffror, - och _, t.ex. ny-gemenskap",
    "reason.time_zone": "är ingen känd IANA-tidszon (t.ex. Europe/Stockholm)",
    "reason.iso_date": "måste vara ett datum ÅÅÅÅ-MM-DD, t.ex. 2019-05-01",
    "reason.month_day": "måste vara månad-dag MM-DD, t.ex. 02-01",
    "reason.year_month": "måste vara ett månadsnummer 1–12 (varje år) eller en månad ÅÅÅÅ-MM, t.ex. 2027-07",
    "reason.clock_time": "måste vara en tid TT:MM, t.ex. 13:00",
    "reason.org_number_format": "ett organisationsnummer skrivs NNNNNN-NNNN, t.ex. 802012-1581",
    "reason.org_number_check_digit": "kontrollsiffran stämmer inte (Luhn); kontrollera organisationsnumret mot beslutet",
    "reason.period_order": "perioden slutar före den börjar",
    "reason.extension_before_end": "förlängningen kan inte sluta före perioden",
    "reason.cadence_one_of": "ange antingen atLeastEveryMonths: N (1–12) eller perTerm: true",
    "reason.pattern_exceeds_cadence": "mötesmönstret är glesare än gruppens kadens tillåter",
    "reason.notice_order": "kallelse ≥ begäran om dagordningspunkter > utskick av dagordning (dagar före mötet)",
    "reason.organisation_or_city_unit": "en medlem hör till en organisation eller en stadsenhet, inte båda",
    "reason.slack_user": "är inget Slack-användar-id (U…)",
    "reason.teams_user": "är inget Teams-användar-id (AAD-objekt-id eller 29:…)",
    "reason.slack_conversation": "är inget Slack-kanal-id (C… eller G…)",
    "reason.teams_conversation": "är inget Teams-konversations-id (19:…)",
    "reason.channel_group": "group anges för kanaler med purpose: group, och bara för dem",
    "reason.women_places": "fler kvinnoplatser än platser totalt",
    "reason.increasing": "talen måste vara i stigande ordning",
    "reason.duplicate": "{key} finns redan tidigare i listan",
    "reason.unknown_reference": "{key} finns inte bland {list}",
    "reason.identity_taken": "{key} hör redan till medlemmen {member}",
    "file.invalid": "{file} är ogiltig; databasen har inte ändrats. ({file} is invalid; the database was not changed.)",
    "file.issue": "{file}:{line}:{column} {field}{message}",
    "file.unreadable": "Kan inte läsa {file} (cannot read the file): {reason}",
    "file.more": "… och {count} fel till",
    "import.usage": "Användning (usage): samverka import FIL [--dry-run]",
    "import.noChanges": "{id}: Inga ändringar (no changes).",
    "import.changed": "{id}: importerad (imported).",
    "import.dryRun": "{id}: provkörning, inget sparat (dry run, nothing saved).",
    "import.line": "  {entity}: {counts}",
    "export.usage": "Användning (usage): samverka export ID [--out FIL]",
    "export.notFound": "Partnerskapet {id} finns inte (no such partnership).",
    "export.written": "{id} exporterat till {file} (exported).",
  },
  en: {
    "entity.partnership": "Partnership",
    "entity.organisations": "Organisations",
    "entity.cityUnits": "City units",
    "entity.groups": "Groups",
    "entity.members": "Members",
    "entity.identities": "Chat identities",
    "entity.groupMembers": "Group seats",
    "entity.channels": "Channels",
    "entity.activities": "Activities",
    "entity.activityStaff": "Activity staff",
    "entity.settings": "Settings",
    "count.created": ({ n }, f) => `${f.number(Number(n))} created`,
    "count.updated": ({ n }, f) => `${f.number(Number(n))} updated`,
    "count.reactivated": ({ n }, f) => `${f.number(Number(n))} reactivated`,
    "count.deactivated": ({ n }, f) => `${f.number(Number(n))} deactivated`,
    "count.removed": ({ n }, f) => `${f.number(Number(n))} removed`,
    "reason.slug": "must be lower-case letters, digits and hyphens, e.g. stockholm-eu",
    "reason.key": "must be a key of lower-case letters, digits, - and _, e.g. ny-gemenskap",
    "reason.time_zone": "is not a known IANA time zone (e.g. Europe/Stockholm)",
    "reason.iso_date": "must be a date YYYY-MM-DD, e.g. 2019-05-01",
    "reason.month_day": "must be month-day MM-DD, e.g. 02-01",
    "reason.year_month": "must be a month number 1–12 (every year) or one month YYYY-MM, e.g. 2027-07",
    "reason.clock_time": "must be a time HH:MM, e.g. 13:00",
    "reason.org_number_format": "an organisation number is written NNNNNN-NNNN, e.g. 802012-1581",
    "reason.org_number_check_digit": "the check digit does not match (Luhn); check the number against the decision",
    "reason.period_order": "the period ends before it starts",
    "reason.extension_before_end": "the extension cannot end before the period",
    "reason.cadence_one_of": "give either atLeastEveryMonths: N (1–12) or perTerm: true",
    "reason.pattern_exceeds_cadence": "the meeting pattern is sparser than the group's cadence allows",
    "reason.notice_order": "invitation ≥ agenda request > agenda sending (days before the meeting)",
    "reason.organisation_or_city_unit": "a member belongs to an organisation or a city unit, not both",
    "reason.slack_user": "is not a Slack user id (U…)",
    "reason.teams_user": "is not a Teams user id (AAD object id or 29:…)",
    "reason.slack_conversation": "is not a Slack channel id (C… or G…)",
    "reason.teams_conversation": "is not a Teams conversation id (19:…)",
    "reason.channel_group": "group is given for channels with purpose: group, and only for them",
    "reason.women_places": "more places for women than places in total",
    "reason.increasing": "the numbers must be in increasing order",
    "reason.duplicate": "{key} appears earlier in the list",
    "reason.unknown_reference": "{key} is not among the {list}",
    "reason.identity_taken": "{key} already belongs to member {member}",
    "file.invalid": "{file} is invalid; the database was not changed.",
    "file.issue": "{file}:{line}:{column} {field}{message}",
    "file.unreadable": "Cannot read {file}: {reason}",
    "file.more": "… and {count} more errors",
    "import.usage": "Usage: samverka import FILE [--dry-run]",
    "import.noChanges": "{id}: no changes.",
    "import.changed": "{id}: imported.",
    "import.dryRun": "{id}: dry run, nothing saved.",
    "import.line": "  {entity}: {counts}",
    "export.usage": "Usage: samverka export ID [--out FILE]",
    "export.notFound": "No partnership {id}.",
    "export.written": "{id} exported to {file}.",
  },
};
