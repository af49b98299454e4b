import type { Catalogue } from "../../src/shared/i18n.ts";

/** The few strings the Slack adapter shows by itself (yes/no choices, failures outside any feature). */
export const slackMessages: Catalogue<"yes" | "no" | "close" | "formErrors" | "failed" | "formNeedsClick"> = {
  sv: {
    yes: "Ja",
    no: "Nej",
    close: "Stäng",
    formErrors: "Formuläret sparades inte. Rätta och skicka igen:",
    failed: "Något gick fel och det du bad om blev inte gjort. Försök igen om en stund; hjälper inte det, kontakta samordnaren.",
    formNeedsClick: "Ett formulär kan bara öppnas direkt efter kommandot /samverka eller ett knapptryck. Skriv /samverka följt av samma ord så öppnas det.",
  },
  en: {
    yes: "Yes",
    no: "No",
    close: "Close",
    formErrors: "The form was not saved. Correct it and send it again:",
    failed: "Something went wrong and what you asked for was not done. Try again in a moment; if that does not help, contact the coordinator.",
    formNeedsClick: "A form can only be opened right after the /samverka command or a button click. Type /samverka followed by the same words to open it.",
  },
};
