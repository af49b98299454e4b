import type { Catalogue } from "../shared/i18n.ts";

type Key =
  "failures.title" | "failures.intro" | "failures.toMember" | "failures.toChannel" | "failures.retract" | "failures.footer" | "waiting.title" | "waiting.body";

/** What samordning reads when a message could not be delivered. */
export const outboxMessages: Catalogue<Key> = {
  sv: {
    "failures.title": "Meddelanden som inte kom fram",
    "failures.intro": ({ n, from, to }, f) =>
      `Samverka kunde inte leverera ${f.plural(Number(n), "ett meddelande", `${f.number(Number(n))} meddelanden`)} mellan ${f.time(from as Date)} och ${f.time(to as Date)} (plattformen vägrade, eller svarade inte på upprepade försök):`,
    "failures.toMember": "{what} till {name}",
    "failures.toChannel": "{what} i kanalen {channel}",
    "failures.retract":
      "En kopia av ett känsligt meddelande hos {where} kunde inte tas bort (plattformen vägrade). Be mottagaren radera det, eller låt IT ta bort det.",
    "failures.footer": "Kontakta mottagarna på annat sätt (telefon). Samverkas logg har felorsaken för IT.",
    "waiting.title": "Ett meddelande väntar på att Samverka läggs till i en kanal",
    "waiting.body":
      "Samverka är inte med i kanalen {channel} ännu, så det som ska dit väntar (först: {what}). Lägg till Samverka-appen i kanalen; allt som väntar skickas då direkt.",
  },
  en: {
    "failures.title": "Messages that did not arrive",
    "failures.intro": ({ n, from, to }, f) =>
      `Samverka could not deliver ${f.plural(Number(n), "one message", `${f.number(Number(n))} messages`)} between ${f.time(from as Date)} and ${f.time(to as Date)} (the platform refused, or did not answer repeated attempts):`,
    "failures.toMember": "{what} to {name}",
    "failures.toChannel": "{what} in the channel {channel}",
    "failures.retract":
      "A copy of a sensitive message with {where} could not be removed (the platform refused). Ask the recipient to delete it, or have IT remove it.",
    "failures.footer": "Reach the recipients another way (phone). Samverka's log has the cause for IT.",
    "waiting.title": "A message is waiting for Samverka to be added to a channel",
    "waiting.body":
      "Samverka is not in the channel {channel} yet, so what should go there is waiting (first: {what}). Add the Samverka app to the channel; everything waiting is then sent at once.",
  },
};
