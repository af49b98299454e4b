import type { Catalogue } from "../shared/i18n.ts";

/** Every message key of the outbox's notices to samordning. */
export type OutboxKey =
  | "failures.title"
  | "failures.intro"
  | "failures.toMember"
  | "failures.toChannel"
  | "failures.retract"
  | "failures.footer"
  | "failures.file"
  | LiveKey
  | ChannelKey
  | "waiting.title"
  | "waiting.body";

/** How the failure notice names a live card, by its renderer: `live.coldnight.card` is "kallnattskortet". */
export type LiveKey =
  | "live.coldnight.card"
  | "live.beds.board"
  | "live.alerts.incident-details"
  | "live.meetings.invitation"
  | "live.meetings.agenda"
  | "live.meetings.poll"
  | "live.meetings.poll-organiser"
  | "live.other";

/** How the failure and waiting notices name a partnership's channel, by its purpose. */
type ChannelKey = "channel.partnership" | "channel.alerts" | "channel.group" | "channel.unknown";

// A list item starts with a capital, whether it names a card ("kallnattskortet") or quotes a message.
const cap = (what: unknown) => String(what).charAt(0).toUpperCase() + String(what).slice(1);

/** What samordning reads when a message could not be delivered. */
export const outboxMessages: Catalogue<OutboxKey> = {
  sv: {
    "failures.title": "Meddelanden som inte kom fram",
    "failures.intro": ({ n, from, to }, f) =>
      `Samverka kunde inte leverera ${f.plural(Number(n), "ett meddelande", `${f.number(Number(n))} meddelanden`)} mellan ${f.time(from as Date)} och ${f.time(to as Date)} (plattformen vägrade, eller svarade inte på upprepade försök):`,
    "failures.toMember": (p) => `${cap(p.what)} till ${String(p.name)}`,
    "failures.toChannel": (p) => `${cap(p.what)} i ${String(p.channel)}`,
    "failures.file": "filen {name}",
    "live.coldnight.card": "kallnattskortet",
    "live.beds.board": "sängtavlan",
    "live.alerts.incident-details": "rapporten om hot och våld",
    "live.meetings.invitation": "mötesinbjudan",
    "live.meetings.agenda": "dagordningen",
    "live.meetings.poll": "frågan om mötestid",
    "live.meetings.poll-organiser": "sammanställningen av frågan om mötestid",
    "live.other": "ett kort",
    "channel.partnership": "partnerskapets kanal ({platform})",
    "channel.alerts": "larmkanalen ({platform})",
    "channel.group": "kanalen för {group} ({platform})",
    "channel.unknown": "kanalen {conversation}",
    "failures.retract":
      "En kopia av ett känsligt meddelande hos {where} kunde inte tas bort (plattformen vägrade). Be mottagaren radera det, eller låt IT ta bort det.",
    "failures.footer": "Kontakta mottagarna på annat sätt (telefon). Samverkas logg har felorsaken för IT.",
    "waiting.title": "Ett meddelande väntar på att Samverka läggs till i en kanal",
    "waiting.body":
      "Samverka är inte med i {channel} ännu, så det som ska dit väntar (först: {what}). Lägg till Samverka-appen i kanalen; allt som väntar skickas då direkt.",
  },
  en: {
    "failures.title": "Messages that did not arrive",
    "failures.intro": ({ n, from, to }, f) =>
      `Samverka could not deliver ${f.plural(Number(n), "one message", `${f.number(Number(n))} messages`)} between ${f.time(from as Date)} and ${f.time(to as Date)} (the platform refused, or did not answer repeated attempts):`,
    "failures.toMember": (p) => `${cap(p.what)} to ${String(p.name)}`,
    "failures.toChannel": (p) => `${cap(p.what)} in ${String(p.channel)}`,
    "failures.file": "the file {name}",
    "live.coldnight.card": "the cold-night card",
    "live.beds.board": "the bed board",
    "live.alerts.incident-details": "the threats and violence report",
    "live.meetings.invitation": "the meeting invitation",
    "live.meetings.agenda": "the agenda",
    "live.meetings.poll": "the meeting-time poll",
    "live.meetings.poll-organiser": "the meeting-time poll's summary",
    "live.other": "a card",
    "channel.partnership": "the partnership channel ({platform})",
    "channel.alerts": "the alerts channel ({platform})",
    "channel.group": "the {group} channel ({platform})",
    "channel.unknown": "the channel {conversation}",
    "failures.retract":
      "A copy of a sensitive message with {where} could not be removed (the platform refused). Ask the recipient to delete it, or have IT remove it.",
    "failures.footer": "Reach the recipients another way (phone). Samverka's log has the cause for IT.",
    "waiting.title": "A message is waiting for Samverka to be added to a channel",
    "waiting.body":
      "Samverka is not in {channel} yet, so what should go there is waiting (first: {what}). Add the Samverka app to the channel; everything waiting is then sent at once.",
  },
};
