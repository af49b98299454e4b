import type { Catalogue } from "../../shared/i18n.ts";

/** Every message key of the bed board. */
export type BedsKey =
  | "help"
  | "title"
  | "shelterLine"
  | "freeLine"
  | "notReported"
  | "extraLine"
  | "turnedAwayLine"
  | "totals"
  | "totalsFree"
  | "totalsExtra"
  | "updated"
  | "countsOnly"
  | "buttonFull"
  | "buttonReport"
  | "coldNightBlock"
  | "formTitle"
  | "formIntro"
  | "freeLabel"
  | "freeWomenLabel"
  | "turnedAwayLabel"
  | "freeShort"
  | "freeWomenShort"
  | "turnedAwayShort"
  | "submit"
  | "recorded"
  | "whichShelter"
  | "notStaff"
  | "notAllowed"
  | "noShelters"
  | "invalidArgs"
  | "change";

const n = (p: Record<string, unknown>, key: string) => Number(p[key]);

/** What the bed board says, Swedish first. Counts only: it never names a guest. */
export const bedsMessages: Catalogue<BedsKey> = {
  sv: {
    help: "**platser** – lediga sängar i natt; **platser 12 lediga** rapporterar för ditt härbärge",
    title: "Sängar – {night}",
    shelterLine: (p, f) => `${f.number(n(p, "places"))} platser, varav ${f.number(n(p, "women"))} för kvinnor`,
    freeLine: (p, f) => `${f.number(n(p, "free"))} lediga${p.freeWomen === undefined ? "" : ` (${f.number(n(p, "freeWomen"))} för kvinnor)`}`,
    notReported: "lediga: inte rapporterat",
    extraLine: (p, f) => `+${f.number(n(p, "extra"))} extra${n(p, "extraWomen") > 0 ? ` (${f.number(n(p, "extraWomen"))} för kvinnor)` : ""}`,
    turnedAwayLine: (p, f) => `${f.number(n(p, "away"))} fick nej`,
    totals: (p, f) =>
      `Totalt ${f.number(n(p, "places"))} ordinarie platser, varav ${f.number(n(p, "women"))} för kvinnor, i ${f.number(n(p, "shelters"))} natthärbärgen.`,
    totalsFree: (p, f) => `Lediga nu: ${f.number(n(p, "free"))} (${f.number(n(p, "reported"))} av ${f.number(n(p, "shelters"))} har rapporterat).`,
    totalsExtra: (p, f) =>
      `Extra platser i natt: ${f.number(n(p, "extra"))}, varav ${f.number(n(p, "extraWomen"))} för kvinnor. ${f.number(n(p, "away"))} har fått nej hittills.`,
    updated: (p, f) => `Senast uppdaterat ${f.time(p.at as Date)}.`,
    countsOnly: "Bara antal: skriv aldrig namn eller personnummer här.",
    buttonFull: "Fullt",
    buttonReport: "Rapportera platser",
    coldNightBlock: (p, f) =>
      `Sängar ${p.night === undefined ? "i natt" : String(p.night)}: ${f.number(n(p, "free"))} lediga av ${f.number(n(p, "places"))} ordinarie (${f.number(n(p, "reported"))} av ${f.number(n(p, "shelters"))} har rapporterat), ${f.number(n(p, "extra"))} extra öppnade.`,
    formTitle: "Platser i natt",
    formIntro: "Hur många platser är lediga på {shelter} just nu? Bara antal, aldrig namn.",
    freeLabel: "Lediga platser",
    freeWomenLabel: "Varav lediga kvinnoplatser",
    turnedAwayLabel: "Personer som fått nej hittills i natt",
    freeShort: "Lediga platser",
    freeWomenShort: "Lediga kvinnoplatser",
    turnedAwayShort: "Fick nej",
    submit: "Spara",
    recorded: "Tack! Platserna på {shelter} är uppdaterade för {night}.",
    whichShelter: "Du arbetar på flera härbärgen; rapportera med knapparna på tavlan.",
    notStaff: "Bara personalen på ett natthärbärge rapporterar lediga platser. Skriv platser för att se tavlan.",
    notAllowed: "Bara personalen på {shelter}, dess samordnare eller samordningen kan rapportera för härbärget.",
    noShelters: "Partnerskapet har inga aktiva natthärbärgen.",
    invalidArgs:
      "Jag förstår inte ”{token}”. Skriv till exempel: platser, platser 12 lediga, platser 12 lediga 3 kvinnor, platser fullt eller platser 4 nekade.",
    change: "{shelter}: {what}",
  },
  en: {
    help: "**beds** – free beds tonight; **beds 12 free** reports for your shelter",
    title: "Beds – {night}",
    shelterLine: (p, f) => `${f.number(n(p, "places"))} places, ${f.number(n(p, "women"))} of them for women`,
    freeLine: (p, f) => `${f.number(n(p, "free"))} free${p.freeWomen === undefined ? "" : ` (${f.number(n(p, "freeWomen"))} for women)`}`,
    notReported: "free: not reported",
    extraLine: (p, f) => `+${f.number(n(p, "extra"))} extra${n(p, "extraWomen") > 0 ? ` (${f.number(n(p, "extraWomen"))} for women)` : ""}`,
    turnedAwayLine: (p, f) => `${f.number(n(p, "away"))} turned away`,
    totals: (p, f) =>
      `${f.number(n(p, "places"))} ordinary places in total, ${f.number(n(p, "women"))} of them for women, in ${f.number(n(p, "shelters"))} night shelters.`,
    totalsFree: (p, f) => `Free now: ${f.number(n(p, "free"))} (${f.number(n(p, "reported"))} of ${f.number(n(p, "shelters"))} have reported).`,
    totalsExtra: (p, f) =>
      `Extra places tonight: ${f.number(n(p, "extra"))}, ${f.number(n(p, "extraWomen"))} of them for women. ${f.number(n(p, "away"))} turned away so far.`,
    updated: (p, f) => `Last updated at ${f.time(p.at as Date)}.`,
    countsOnly: "Counts only: never write a name or an identity number here.",
    buttonFull: "Full",
    buttonReport: "Report places",
    coldNightBlock: (p, f) =>
      `Beds ${p.night === undefined ? "tonight" : `on ${String(p.night)}`}: ${f.number(n(p, "free"))} free of ${f.number(n(p, "places"))} ordinary (${f.number(n(p, "reported"))} of ${f.number(n(p, "shelters"))} have reported), ${f.number(n(p, "extra"))} extra opened.`,
    formTitle: "Places tonight",
    formIntro: "How many places are free at {shelter} right now? Counts only, never names.",
    freeLabel: "Free places",
    freeWomenLabel: "Of which free women's places",
    turnedAwayLabel: "People turned away so far tonight",
    freeShort: "Free places",
    freeWomenShort: "Free women's places",
    turnedAwayShort: "Turned away",
    submit: "Save",
    recorded: "Thank you! The places at {shelter} are updated for {night}.",
    whichShelter: "You work at several shelters; report with the buttons on the board.",
    notStaff: "Only a night shelter's staff report free places. Write beds to see the board.",
    notAllowed: "Only the staff of {shelter}, its coordinator or samordning can report for the shelter.",
    noShelters: "The partnership has no active night shelters.",
    invalidArgs: 'I do not understand "{token}". Write for example: beds, beds 12 free, beds 12 free 3 women, beds full or beds 4 turned-away.',
    change: "{shelter}: {what}",
  },
};
