import type { Catalogue } from "../../src/shared/i18n.ts";

/** The few strings the Teams adapter shows by itself (choices, failures outside any feature). */
export const teamsMessages: Catalogue<
  "yes" | "no" | "choose" | "done" | "working" | "formErrors" | "failed" | "download" | "fileExpires" | "tooLate" | "sentAgain"
> = {
  sv: {
    yes: "Ja",
    no: "Nej",
    choose: "Välj",
    done: "Klart.",
    working: "Det tar en stund; kortet uppdateras när det är klart.",
    formErrors: "Formuläret sparades inte. Rätta det som är markerat och skicka igen.",
    failed: "Något gick fel och det du bad om blev inte gjort. Försök igen om en stund; hjälper inte det, kontakta samordnaren.",
    tooLate: ({ at }, f) => `Det du skrev ${f.time(at as Date)} hann inte behandlas i tid. Skriv det igen om det fortfarande gäller.`,
    download: "Ladda ner",
    fileExpires: "Länken fungerar i {days} dagar.",
    sentAgain: "Skickat igen efter ett avbrott hos Samverka. Har du redan fått det här meddelandet gäller det här.",
  },
  en: {
    yes: "Yes",
    no: "No",
    choose: "Choose",
    done: "Done.",
    working: "This takes a moment; the card is updated when it is done.",
    formErrors: "The form was not saved. Correct what is marked and send it again.",
    failed: "Something went wrong and what you asked for was not done. Try again in a moment; if that does not help, contact the coordinator.",
    tooLate: ({ at }, f) => `What you wrote at ${f.time(at as Date)} could not be handled in time. Please send it again if it still applies.`,
    download: "Download",
    fileExpires: "The link works for {days} days.",
    sentAgain: "Sent again after an interruption at Samverka. If you already received this message, this one applies.",
  },
};
