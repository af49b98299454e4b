import type { Catalogue } from "../../src/shared/i18n.ts";

/** The few strings the Slack adapter shows by itself (yes/no choices, failures outside any feature). */
export const slackMessages: Catalogue<"yes" | "no" | "close" | "formErrors" | "failed" | "formReady" | "openForm" | "formGone" | "notInChannel" | "tooLate"> = {
  sv: {
    yes: "Ja",
    no: "Nej",
    close: "Stäng",
    formErrors: "Formuläret sparades inte. Rätta och skicka igen:",
    failed: "Något gick fel och det du bad om blev inte gjort. Försök igen om en stund; hjälper inte det, kontakta samordnaren.",
    formReady: "{title}: tryck på knappen för att fylla i formuläret.",
    openForm: "Öppna formuläret",
    formGone: "Formuläret finns inte längre (det sparas ett dygn). Be om det igen.",
    notInChannel: "Jag är inte med i kanalen där du skrev, så du får svaret här. Bjud in mig med /invite @Samverka så svarar jag i kanalen.",
    tooLate: ({ at }, f) => `Det du skrev ${f.time(at as Date)} hann inte behandlas i tid. Skriv det igen om det fortfarande gäller.`,
  },
  en: {
    yes: "Yes",
    no: "No",
    close: "Close",
    formErrors: "The form was not saved. Correct it and send it again:",
    failed: "Something went wrong and what you asked for was not done. Try again in a moment; if that does not help, contact the coordinator.",
    formReady: "{title}: press the button to fill in the form.",
    openForm: "Open the form",
    formGone: "The form is no longer available (it is kept for a day). Please ask for it again.",
    notInChannel: "I am not in the channel where you wrote, so here is my answer. Invite me with /invite @Samverka and I will answer in the channel.",
    tooLate: ({ at }, f) => `What you wrote at ${f.time(at as Date)} could not be handled in time. Please send it again if it still applies.`,
  },
};
