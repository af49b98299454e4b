import type { Catalogue } from "../shared/i18n.ts";

/** Every message key of the audit trail and the data-rights commands. */
export type PrivacyKey =
  | "log.help"
  | "log.title"
  | "log.empty"
  | "log.line"
  | "log.bot"
  | "log.footer"
  | "cli.usage"
  | "cli.unknown"
  | "cli.exported"
  | "cli.eraseAsk"
  | "cli.erased"
  | "cli.reimport";

/** Audit actions in words; an action without one is shown as it is stored. */
export const ACTION_WORDS: Catalogue<string> = {
  sv: {
    "coldnight.declared": "utlyste en extra kall natt",
    "coldnight.answered": "svarade på en extra kall natt",
    "coldnight.acknowledged": "kvitterade en eskalering av en extra kall natt",
    "coldnight.ladder_restarted": "startade om eskaleringen av en extra kall natt",
    "coldnight.escalated": "eskalerade en extra kall natt",
    "coldnight.closed": "stängde en extra kall natt",
    "coldnight.followed_up": "lämnade morgonsiffror för en extra kall natt",
    "incident.reported": "rapporterade hot och våld",
    "incident.acknowledged": "kvitterade en rapport om hot och våld",
    "incident.escalated": "eskalerade en rapport om hot och våld till Socialjouren",
    "incident.purged": "rensade en rapport om hot och våld efter lagringstiden",
    "report.submitted": "lämnade in en uppföljningsrapport",
    "report.corrected": "ändrade en inlämnad uppföljningsrapport",
    "partnership.imported": "importerade partnerskapets fil (inställningar, personer, grupper)",
    "meetings.cadence-warning": "varnade för ett för långt glapp mellan möten",
    "member.exported": "exporterade en medlems uppgifter",
    "member.erased": "raderade en medlems uppgifter",
  },
  en: {
    "coldnight.declared": "declared an extra cold night",
    "coldnight.answered": "answered an extra cold night",
    "coldnight.acknowledged": "acknowledged a cold-night escalation",
    "coldnight.ladder_restarted": "restarted a cold-night escalation",
    "coldnight.escalated": "escalated an extra cold night",
    "coldnight.closed": "closed an extra cold night",
    "coldnight.followed_up": "gave the morning figures of an extra cold night",
    "incident.reported": "reported threats or violence",
    "incident.acknowledged": "acknowledged a report of threats and violence",
    "incident.escalated": "escalated a report of threats and violence to Socialjouren",
    "incident.purged": "purged a report of threats and violence after the retention period",
    "report.submitted": "submitted a follow-up report",
    "report.corrected": "corrected a submitted follow-up report",
    "partnership.imported": "imported the partnership file (settings, people, groups)",
    "meetings.cadence-warning": "warned of too long a gap between meetings",
    "member.exported": "exported a member's data",
    "member.erased": "erased a member's data",
  },
};

/** What the audit trail and the data-rights commands say, Swedish first. */
export const privacyMessages: Catalogue<PrivacyKey> = {
  sv: {
    "log.help": "**logg** – vem som gjort vad i partnerskapet (för administratörer)",
    "log.title": "Logg: vem gjorde vad",
    "log.empty": "Loggen är tom.",
    "log.line": (p, f) => `${f.dateTime(p.at as Date)} · ${String(p.who)} ${String(p.what)}`,
    "log.bot": "Samverka",
    "log.footer": "De {n} senaste händelserna. Hela loggen finns i databasen (audit_events).",
    "cli.usage":
      "Användning: samverka member export ID [--out FIL] | samverka member erase ID [--yes]. ID är medlemmens id eller partnerskap/nyckel, t.ex. stockholm-eu/maria-nilsson.",
    "cli.unknown": "Ingen medlem med id {id}.",
    "cli.exported": "Exporterade {name}s uppgifter till {file}.",
    "cli.eraseAsk":
      "Det här raderar {name}s uppgifter för gott: namnet ersätts av rollen, identiteterna, utkasten och väntande meddelanden tas bort. Kör igen med --yes för att radera.",
    "cli.erased": "{name} är raderad och heter nu {replacedBy} i historiken.",
    "cli.reimport": "Ta också bort personen ur partnerskapets fil, annars läggs hen till igen vid nästa import.",
  },
  en: {
    "log.help": "**log** – who did what in the partnership (for administrators)",
    "log.title": "Log: who did what",
    "log.empty": "The log is empty.",
    "log.line": (p, f) => `${f.dateTime(p.at as Date)} · ${String(p.who)} ${String(p.what)}`,
    "log.bot": "Samverka",
    "log.footer": "The latest {n} events. The whole log is in the database (audit_events).",
    "cli.usage":
      "Usage: samverka member export ID [--out FILE] | samverka member erase ID [--yes]. ID is the member's id or partnership/key, e.g. stockholm-eu/maria-nilsson.",
    "cli.unknown": "No member with id {id}.",
    "cli.exported": "Exported {name}'s data to {file}.",
    "cli.eraseAsk":
      "This erases {name}'s data for good: their name is replaced by their role; identities, drafts and pending messages are deleted. Run again with --yes to erase.",
    "cli.erased": "{name} is erased and is called {replacedBy} in the history from now on.",
    "cli.reimport": "Remove the person from the partnership file too, or the next import adds them again.",
  },
};
