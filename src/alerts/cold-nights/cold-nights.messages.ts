import type { Catalogue } from "../../shared/i18n.ts";

/** Every message key of cold-night alerts. */
export type ColdNightKey =
  | "help"
  | "cardTitle"
  | "cardDeclared"
  | "cardTemperature"
  | "cardTotal"
  | "cardClosed"
  | "cardClosedAuto"
  | "cardFollowUp"
  | "cardAnswerInDirect"
  | "statusPending"
  | "statusOpening"
  | "statusFull"
  | "statusCannot"
  | "statusUsed"
  | "buttonOpen"
  | "buttonFull"
  | "buttonCannot"
  | "buttonClose"
  | "buttonFollowUp"
  | "buttonAcknowledge"
  | "buttonRestart"
  | "cardAcknowledged"
  | "notice.prompt"
  | "notice.staff"
  | "notice.coordinator"
  | "notice.samordning"
  | "notice.quiet"
  | "notice.existing"
  | "acknowledged"
  | "alreadyAcknowledged"
  | "notAllowedAcknowledge"
  | "notAllowedRestart"
  | "restartFormTitle"
  | "restartFormIntro"
  | "restartShelterLabel"
  | "restartStepLabel"
  | "rung.staff"
  | "rung.coordinator"
  | "rung.samordning"
  | "restartStep"
  | "restarted"
  | "restartAnswered"
  | "restartNothing"
  | "askWhichNight"
  | "askUnderWay"
  | "askComing"
  | "chooseAlert"
  | "alertLabel"
  | "noOpenAlert"
  | "declared"
  | "declaredUnreached"
  | "declaredNobody"
  | "alreadyDeclared"
  | "notAllowedDeclare"
  | "notAllowedAnswer"
  | "notAllowedClose"
  | "notConfigured"
  | "nightOver"
  | "noShelters"
  | "notDeclared"
  | "unknownAlert"
  | "alertClosed"
  | "invalidArgs"
  | "answerThanks"
  | "closedReply"
  | "closedReplyNow"
  | "alreadyClosed"
  | "placesFormTitle"
  | "placesFormIntro"
  | "placesLabel"
  | "placesWomenLabel"
  | "placesShort"
  | "placesWomenShort"
  | "placesHelp"
  | "statusWomen"
  | "submit"
  | "followUpAsk"
  | "followUpAskAgain"
  | "followUpFormTitle"
  | "followUpUsedLabel"
  | "followUpTurnedAwayLabel"
  | "followUpUsedShort"
  | "followUpTurnedAwayShort"
  | "followUpReplyHint"
  | "followUpThanks"
  | "chatTitlePlaces"
  | "chatTitleFollowUp"
  | "chatIntro"
  | "chatWhich"
  | "chatCancelled"
  | "chatGone";

const answers = (p: Record<string, unknown>) => Number(p.n);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What cold-night alerts say, Swedish first. */
export const coldNightMessages: Catalogue<ColdNightKey> = {
  sv: {
    help: "**kallnatt [datum] [temperatur]** – utlys en extra kall natt; **kallnatt stäng** stänger larmet",
    cardTitle: "Extra kall natt – {night}",
    cardDeclared: (p, f) => `Utlyst av ${String(p.by)} ${f.time(p.at as Date)}.`,
    cardTemperature: (p, f) => `Prognos ${f.number(Number(p.c))} °C.`,
    cardTotal: (p, f) =>
      `Totalt ${f.number(answers(p))} extra ${f.plural(answers(p), "plats", "platser")} ${p.night === undefined ? "i natt" : String(p.night)}.`,
    cardClosed: (p, f) => `Avslutad av ${String(p.by)} ${f.dateTime(p.at as Date)}.`,
    cardClosedAuto: (p, f) => `Avslutades automatiskt ${f.dateTime(p.at as Date)}.`,
    cardFollowUp: (p, f) => `Uppföljning: ${f.number(Number(p.used))} extra platser användes, ${f.number(Number(p.away))} fick nej.`,
    cardAnswerInDirect: "Varje härbärges personal svarar med knapparna i sitt direktmeddelande.",
    statusPending: "Inget svar än",
    statusOpening: (p, f) => `Öppnar ${f.number(answers(p))} extra ${f.plural(answers(p), "plats", "platser")} (${String(p.by)})`,
    statusFull: (p) => `Fullt (${String(p.by)})`,
    statusCannot: (p) => `Kan inte (${String(p.by)})`,
    statusUsed: (p, f) => `${f.number(Number(p.used))} använda, ${f.number(Number(p.away))} nekade`,
    buttonOpen: "Öppna extra platser",
    buttonFull: "Fullt",
    buttonCannot: "Kan inte",
    buttonClose: "Avsluta larmet",
    buttonFollowUp: "Rapportera",
    buttonAcknowledge: "Kvittera larmet",
    buttonRestart: "Starta om eskaleringen",
    cardAcknowledged: (p, f) => `Kvitterat av ${String(p.by)} ${f.time(p.at as Date)}: härbärgen som inte svarat får bara en stilla påminnelse.`,
    "notice.prompt": (p) =>
      `${String(p.by)} har lyst ut extra kall natt för ${String(p.night)}. Kan ${String(p.shelters)} öppna extra platser den natten? Svara med knapparna, eller skriv antalet extra platser här.`,
    "notice.staff": (p, f) =>
      `Påminnelse: ${String(p.shelters)} har inte svarat på larmet om extra kall natt för ${String(p.night)} (utlyst ${f.time(p.at as Date)}). Svara med knapparna, eller skriv antalet extra platser här.`,
    "notice.coordinator": (p, f) =>
      `${String(p.shelters)} har inte svarat på larmet om extra kall natt för ${String(p.night)} sedan ${f.time(p.at as Date)}. Kan du nå personalen eller svara åt dem?`,
    "notice.samordning": (p, f) =>
      `Eskalering: ${String(p.shelters)} har fortfarande inte svarat på larmet om extra kall natt för ${String(p.night)} (utlyst ${f.time(p.at as Date)}).`,
    "notice.quiet": (p) =>
      `Påminnelse: ${String(p.shelters)} har inte svarat på larmet om extra kall natt för ${String(p.night)} än. Svara med knapparna, eller skriv antalet extra platser här, när ni kan.`,
    "notice.existing": "Extra kall natt är redan utlyst för {night}; så här ser det ut just nu.",
    acknowledged: "Larmet om extra kall natt för {night} är kvitterat. Bara personalen på härbärgen som inte svarat får påminnelser nu.",
    alreadyAcknowledged: "Larmet om extra kall natt för {night} var redan kvitterat.",
    notAllowedAcknowledge: "Bara samordningen kan kvittera larmet.",
    notAllowedRestart: "Bara samordningen kan starta om eskaleringen.",
    restartFormTitle: "Starta om eskaleringen",
    restartFormIntro: "Välj härbärget och steget eskaleringen ska börja om från. Steget skickas nu, nästa efter samma väntetid som vanligt.",
    restartShelterLabel: "Härbärge",
    restartStepLabel: "Börja från",
    "rung.staff": "personalen",
    "rung.coordinator": "organisationens samordnare",
    "rung.samordning": "samordningen och Socialjouren",
    restartStep: "Steg {step}: {rung}",
    restarted: "Eskaleringen för {shelter} börjar om från steg {step} ({rung}).",
    restartAnswered: "{shelter} har redan svarat; det finns inget att eskalera.",
    restartNothing: "Alla härbärgen har svarat; det finns inget att eskalera.",
    askWhichNight: "Vilken natt menar du?",
    askUnderWay: (p) => `${cap(String(p.night))} (pågår nu)`,
    askComing: (p) => `${cap(String(p.night))} (i kväll)`,
    chooseAlert: "Flera larm är öppna. Vilket menar du?",
    alertLabel: (p) => cap(String(p.night)),
    noOpenAlert: "Det finns inget öppet larm om extra kall natt.",
    declared: "Extra kall natt är utlyst för {night}. Natthärbärgenas personal har fått frågan.",
    declaredUnreached: "Extra kall natt är utlyst för {night}, men jag nådde ingen personal på {shelters}. Ring dem; övriga härbärgen har fått frågan.",
    declaredNobody:
      "Extra kall natt är utlyst för {night}, men jag nådde ingen personal på något natthärbärge. Ring dem: {shelters}. Larmet påminner dem igen efter en stund.",
    alreadyDeclared: (p, f) =>
      `Extra kall natt är redan utlyst för ${String(p.night)} (av ${String(p.by)} ${f.dateTime(p.at as Date)}). Just nu ${f.number(Number(p.total))} extra platser.`,
    notAllowedDeclare: "Du kan inte lysa ut extra kall natt. Det kan: {roles}.",
    notAllowedAnswer: "Bara personalen på {shelter}, dess samordnare eller samordningen kan svara för härbärget.",
    notAllowedClose: "Bara samordningen kan avsluta larmet.",
    notConfigured: "Extra kalla nätter är inte inställda för det här partnerskapet. Be en administratör lägga in inställningarna.",
    nightOver: "Det går inte att lysa ut {night}: den är redan slut.",
    noShelters: "Partnerskapet har inga aktiva natthärbärgen att fråga.",
    notDeclared: "Det finns inget larm om extra kall natt för {night}.",
    unknownAlert: "Det larmet finns inte (längre) i det här partnerskapet.",
    alertClosed: "Larmet om extra kall natt för {night} är redan avslutat.",
    invalidArgs: "Jag förstår inte ”{token}”. Skriv till exempel: kallnatt 2026-12-03 -9, kallnatt i kväll, eller kallnatt stäng.",
    answerThanks: "Tack! Svaret för {shelter}, {night}, är registrerat.",
    closedReply: (p, f) => `Larmet om extra kall natt för ${String(p.night)} är avslutat. Härbärgena får frågan om uppföljning ${f.dateTime(p.at as Date)}.`,
    closedReplyNow: "Larmet om extra kall natt för {night} är avslutat. Härbärgena får frågan om uppföljning nu.",
    alreadyClosed: "Larmet om extra kall natt för {night} var redan avslutat.",
    placesFormTitle: "Extra platser",
    placesFormIntro: "Hur många extra platser öppnar {shelter} {night}?",
    placesLabel: "Antal extra platser",
    placesWomenLabel: "Varav för kvinnor",
    placesShort: "Extra platser",
    placesWomenShort: "Kvinnoplatser",
    placesHelp: "Öppnar ni inga extra platser? Svara Fullt eller Kan inte med knapparna.",
    statusWomen: (p, f) => `varav ${f.number(Number(p.n))} för kvinnor`,
    submit: "Skicka",
    followUpAsk: "Uppföljning av extra kall natt ({night}): hur många extra platser användes på {shelter}, och hur många fick nej?",
    followUpAskAgain:
      "{shelter} har inte rapporterat uppföljningen av extra kall natt ({night}) än. Kan du göra det: hur många extra platser användes och hur många fick nej?",
    followUpFormTitle: "Uppföljning kall natt",
    followUpUsedLabel: "Använda extra platser",
    followUpTurnedAwayLabel: "Personer som fick nej",
    followUpUsedShort: "Använda",
    followUpTurnedAwayShort: "Fick nej",
    followUpReplyHint: "Tryck Rapportera, eller skriv antalet använda extra platser här.",
    followUpThanks: "Tack! Uppföljningen för {shelter}, {night}, är sparad.",
    chatTitlePlaces: "Extra platser på {shelter}, {night}",
    chatTitleFollowUp: "Uppföljning för {shelter}, {night}",
    chatIntro: "{title}. En fråga i taget; skriv avbryt för att avbryta.",
    chatWhich: "Du har flera öppna frågor om extra kalla nätter. Vilken svarar du på?",
    chatCancelled: "Avbrutet. Inget svar skickades. Svara med knapparna, eller skriv siffran här igen.",
    chatGone: "Det svaret är redan skickat eller avbrutet. Svara med knapparna, eller skriv siffran här igen.",
  },
  en: {
    help: "**cold-night [date] [temperature]** – declare an extra cold night; **cold-night close** closes the alert",
    cardTitle: "Extra cold night – {night}",
    cardDeclared: (p, f) => `Declared by ${String(p.by)} at ${f.time(p.at as Date)}.`,
    cardTemperature: (p, f) => `Forecast ${f.number(Number(p.c))} °C.`,
    cardTotal: (p, f) =>
      `${f.number(answers(p))} extra ${f.plural(answers(p), "place", "places")} in total ${p.night === undefined ? "tonight" : `on ${String(p.night)}`}.`,
    cardClosed: (p, f) => `Closed by ${String(p.by)} on ${f.dateTime(p.at as Date)}.`,
    cardClosedAuto: (p, f) => `Closed automatically on ${f.dateTime(p.at as Date)}.`,
    cardFollowUp: (p, f) => `Follow-up: ${f.number(Number(p.used))} extra places used, ${f.number(Number(p.away))} people turned away.`,
    cardAnswerInDirect: "Each shelter's staff answer with the buttons in their direct message.",
    statusPending: "No answer yet",
    statusOpening: (p, f) => `Opening ${f.number(answers(p))} extra ${f.plural(answers(p), "place", "places")} (${String(p.by)})`,
    statusFull: (p) => `Full (${String(p.by)})`,
    statusCannot: (p) => `Cannot (${String(p.by)})`,
    statusUsed: (p, f) => `${f.number(Number(p.used))} used, ${f.number(Number(p.away))} turned away`,
    buttonOpen: "Open extra places",
    buttonFull: "Full",
    buttonCannot: "Cannot",
    buttonClose: "Close the alert",
    buttonFollowUp: "Report",
    buttonAcknowledge: "Acknowledge the alert",
    buttonRestart: "Restart the escalation",
    cardAcknowledged: (p, f) => `Acknowledged by ${String(p.by)} at ${f.time(p.at as Date)}: shelters that have not answered only get a quiet reminder.`,
    "notice.prompt": (p) =>
      `${String(p.by)} has declared an extra cold night for ${String(p.night)}. Can ${String(p.shelters)} open extra places that night? Answer with the buttons, or write the number of extra places here.`,
    "notice.staff": (p, f) =>
      `Reminder: ${String(p.shelters)} has not answered the extra cold night alert for ${String(p.night)} (declared at ${f.time(p.at as Date)}). Answer with the buttons, or write the number of extra places here.`,
    "notice.coordinator": (p, f) =>
      `${String(p.shelters)} has not answered the extra cold night alert for ${String(p.night)} since ${f.time(p.at as Date)}. Can you reach the staff or answer for them?`,
    "notice.samordning": (p, f) =>
      `Escalation: ${String(p.shelters)} has still not answered the extra cold night alert for ${String(p.night)} (declared at ${f.time(p.at as Date)}).`,
    "notice.quiet": (p) =>
      `Reminder: ${String(p.shelters)} has not answered the extra cold night alert for ${String(p.night)} yet. Answer with the buttons, or write the number of extra places here, when you can.`,
    "notice.existing": "An extra cold night is already declared for {night}; this is how it stands now.",
    acknowledged: "The extra cold night alert for {night} is acknowledged. Only the staff of shelters that have not answered are reminded now.",
    alreadyAcknowledged: "The extra cold night alert for {night} was already acknowledged.",
    notAllowedAcknowledge: "Only samordning can acknowledge the alert.",
    notAllowedRestart: "Only samordning can restart the escalation.",
    restartFormTitle: "Restart the escalation",
    restartFormIntro: "Choose the shelter and the step to restart the escalation from. That step is sent now, the next after the usual wait.",
    restartShelterLabel: "Shelter",
    restartStepLabel: "Start from",
    "rung.staff": "the staff",
    "rung.coordinator": "the organisation's coordinators",
    "rung.samordning": "samordning and Socialjouren",
    restartStep: "Step {step}: {rung}",
    restarted: "The escalation for {shelter} restarts from step {step} ({rung}).",
    restartAnswered: "{shelter} has already answered; there is nothing to escalate.",
    restartNothing: "Every shelter has answered; there is nothing to escalate.",
    askWhichNight: "Which night do you mean?",
    askUnderWay: (p) => `${cap(String(p.night))} (under way)`,
    askComing: (p) => `${cap(String(p.night))} (this evening)`,
    chooseAlert: "Several alerts are open. Which one do you mean?",
    alertLabel: (p) => cap(String(p.night)),
    noOpenAlert: "There is no open extra cold night alert.",
    declared: "An extra cold night is declared for {night}. The night shelters' staff have been asked.",
    declaredUnreached:
      "An extra cold night is declared for {night}, but I could not reach any staff at {shelters}. Phone them; the other shelters have been asked.",
    declaredNobody:
      "An extra cold night is declared for {night}, but I could not reach the staff of any night shelter. Phone them: {shelters}. The alert reminds them again shortly.",
    alreadyDeclared: (p, f) =>
      `An extra cold night is already declared for ${String(p.night)} (by ${String(p.by)} on ${f.dateTime(p.at as Date)}). ${f.number(Number(p.total))} extra places so far.`,
    notAllowedDeclare: "You cannot declare an extra cold night. Who can: {roles}.",
    notAllowedAnswer: "Only the staff of {shelter}, its coordinator or samordning can answer for the shelter.",
    notAllowedClose: "Only samordning can close the alert.",
    notConfigured: "Extra cold nights are not set up for this partnership. Ask an administrator to add the settings.",
    nightOver: "It is too late to declare {night}: it is already over.",
    noShelters: "The partnership has no active night shelters to ask.",
    notDeclared: "There is no extra cold night alert for {night}.",
    unknownAlert: "That alert does not exist (any more) in this partnership.",
    alertClosed: "The extra cold night alert for {night} is already closed.",
    invalidArgs: 'I do not understand "{token}". Write for example: cold-night 2026-12-03 -9, cold-night tonight, or cold-night close.',
    answerThanks: "Thank you! The answer for {shelter}, {night}, is recorded.",
    closedReply: (p, f) =>
      `The extra cold night alert for ${String(p.night)} is closed. The shelters will be asked for the follow-up on ${f.dateTime(p.at as Date)}.`,
    closedReplyNow: "The extra cold night alert for {night} is closed. The shelters are being asked for the follow-up now.",
    alreadyClosed: "The extra cold night alert for {night} was already closed.",
    placesFormTitle: "Extra places",
    placesFormIntro: "How many extra places does {shelter} open on {night}?",
    placesLabel: "Number of extra places",
    placesWomenLabel: "Of which for women",
    placesShort: "Extra places",
    placesWomenShort: "Places for women",
    placesHelp: "Opening no extra places? Answer Full or Cannot with the buttons.",
    statusWomen: (p, f) => `${f.number(Number(p.n))} of them for women`,
    submit: "Send",
    followUpAsk: "Follow-up of the extra cold night ({night}): how many extra places were used at {shelter}, and how many people were turned away?",
    followUpAskAgain:
      "{shelter} has not reported the follow-up of the extra cold night ({night}) yet. Can you: how many extra places were used and how many people were turned away?",
    followUpFormTitle: "Cold night follow-up",
    followUpUsedLabel: "Extra places used",
    followUpTurnedAwayLabel: "People turned away",
    followUpUsedShort: "Used",
    followUpTurnedAwayShort: "Turned away",
    followUpReplyHint: "Press Report, or write the number of extra places used here.",
    followUpThanks: "Thank you! The follow-up for {shelter}, {night}, is saved.",
    chatTitlePlaces: "Extra places at {shelter}, {night}",
    chatTitleFollowUp: "Follow-up for {shelter}, {night}",
    chatIntro: "{title}. One question at a time; write cancel to stop.",
    chatWhich: "You have several open questions about extra cold nights. Which one are you answering?",
    chatCancelled: "Cancelled. No answer was sent. Answer with the buttons, or write the figure here again.",
    chatGone: "That answer was already sent or cancelled. Answer with the buttons, or write the figure here again.",
  },
};

/** Role names in the plural, for "who can declare" (chat.messages.ts has the singular, for one person's roles). */
export const roleNamesPlural: Catalogue<"shelter_staff" | "coordinator" | "samordning" | "manager" | "admin" | "socialjouren"> = {
  sv: {
    shelter_staff: "härbärgespersonal",
    coordinator: "samordnare",
    samordning: "samordningen",
    manager: "chefer",
    admin: "administratörer",
    socialjouren: "Socialjouren",
  },
  en: {
    shelter_staff: "shelter staff",
    coordinator: "coordinators",
    samordning: "samordning",
    manager: "managers",
    admin: "administrators",
    socialjouren: "Socialjouren",
  },
};
