import type { Catalogue } from "../shared/i18n.ts";

/** `språk` / `language`: which language a member reads, and how to change it. */
export const languageMessages: Catalogue<"help" | "current" | "set" | "unknown" | "name.sv" | "name.en" | "button.sv" | "button.en"> = {
  sv: {
    help: "**språk en** – jag skriver till dig på engelska; **språk sv** på svenska",
    current: "Jag skriver till dig på **{language}**. Byt med knapparna eller skriv `språk en` (English) eller `språk sv` (svenska).",
    set: "Klart: jag skriver till dig på svenska från och med nu, påminnelser och kort också.",
    unknown: "Jag kan svenska och engelska. Skriv `språk sv` för svenska eller `språk en` för engelska.",
    "name.sv": "svenska",
    "name.en": "engelska",
    // Each language is offered in its own name, whichever the reader reads now.
    "button.sv": "Svenska",
    "button.en": "English",
  },
  en: {
    help: "**language sv** – I write to you in Swedish; **language en** in English",
    current: "I write to you in **{language}**. Switch with the buttons or write `language sv` (svenska) or `language en` (English).",
    set: "Done: I will write to you in English from now on, reminders and cards too.",
    unknown: "I speak Swedish and English. Write `language sv` for Swedish or `language en` for English.",
    "name.sv": "Swedish",
    "name.en": "English",
    "button.sv": "Svenska",
    "button.en": "English",
  },
};
