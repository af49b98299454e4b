import type { Catalogue } from "../../shared/i18n.ts";

/** Every message key of threats-and-violence reports. */
export type IncidentKey =
  | "help"
  | "formTitle"
  | "formIntro"
  | "submit"
  | "dateLabel"
  | "timeLabel"
  | "activityLabel"
  | "kindLabel"
  | "severityLabel"
  | "injuriesLabel"
  | "policeLabel"
  | "supportLabel"
  | "descriptionLabel"
  | "descriptionHelp"
  | "staffInvolvedLabel"
  | "visitorsInvolvedLabel"
  | "othersInvolvedLabel"
  | "involvedHelp"
  | "detailsInvolved"
  | "involved.staff"
  | "involved.visitors"
  | "involved.others"
  | "kind.threat"
  | "kind.violence"
  | "kind.both"
  | "severity.minor"
  | "severity.moderate"
  | "severity.serious_incident"
  | "injuries.none"
  | "injuries.minor"
  | "injuries.serious"
  | "police.none"
  | "police.called"
  | "police.reported"
  | "errorFuture"
  | "conversationGone"
  | "conversationCancelled"
  | "noActivities"
  | "submittedTo"
  | "submittedToNobody"
  | "submitted"
  | "ownCopySamordning"
  | "ownCopyEmployer"
  | "notReached"
  | "takeCare"
  | "recipientSamordning"
  | "recipientEmployer"
  | "detailsTitle"
  | "detailsWhen"
  | "detailsWhere"
  | "detailsKind"
  | "detailsSeverity"
  | "detailsInjuries"
  | "detailsPolice"
  | "detailsSupport"
  | "detailsDescription"
  | "detailsReporter"
  | "detailsPurged"
  | "yes"
  | "no"
  | "toSamordning"
  | "toManager"
  | "channelNotice"
  | "channelNoticeSamordning"
  | "channelNoticeEmployer"
  | "channelNoticeNobody"
  | "buttonAck"
  | "buttonDebriefDone"
  | "buttonAuthorityDone"
  | "buttonPoliceReported"
  | "acked"
  | "ackedBy"
  | "alreadyAcked"
  | "notAllowedAck"
  | "notAllowedFollowUp"
  | "notAllowedList"
  | "followUpDone"
  | "unknownIncident"
  | "escalatedToJour"
  | "escalatedToSamordning"
  | "escalationUnreached"
  | "debriefReminder"
  | "authorityReminder"
  | "policeReminder"
  | "listTitle"
  | "listEmpty"
  | "listNoText"
  | "detailsRetracted";

const when = (p: Record<string, unknown>, f: { dateTime(d: Date): string }) => f.dateTime(p.at as Date);

/** What incident reports say, Swedish first. */
export const incidentMessages: Catalogue<IncidentKey> = {
  sv: {
    help: "**hot** – rapportera hot eller våld, en fråga i taget; **hot formulär** visar hela formuläret",
    formTitle: "Hot och våld",
    formIntro: "Rapportera en händelse med hot eller våld. Skriv roller (personal, besökare), aldrig namn eller personnummer.",
    submit: "Skicka rapporten",
    dateLabel: "Datum",
    timeLabel: "Klockslag (tt.mm)",
    activityLabel: "Verksamhet",
    kindLabel: "Typ",
    severityLabel: "Allvarlighetsgrad",
    injuriesLabel: "Skador",
    policeLabel: "Polis",
    supportLabel: "Behöver personalen stöd?",
    descriptionLabel: "Kort beskrivning",
    staffInvolvedLabel: "Inblandad personal (antal)",
    visitorsInvolvedLabel: "Inblandade besökare (antal)",
    othersInvolvedLabel: "Andra inblandade (antal)",
    involvedHelp: "Hur många som var inblandade, per roll. Aldrig vilka.",
    detailsInvolved: "Inblandade",
    "involved.staff": (p, f) => `${f.number(Number(p.n))} personal`,
    "involved.visitors": (p, f) => f.plural(Number(p.n), "1 besökare", `${f.number(Number(p.n))} besökare`),
    "involved.others": (p, f) => f.plural(Number(p.n), "1 annan", `${f.number(Number(p.n))} andra`),
    descriptionHelp: "Skriv roller (personal, besökare), aldrig namn eller personnummer. Högst 500 tecken.",
    "kind.threat": "Hot",
    "kind.violence": "Våld",
    "kind.both": "Både hot och våld",
    "severity.minor": "Mindre allvarlig",
    "severity.moderate": "Allvarlig",
    "severity.serious_incident": "Allvarligt tillbud",
    "injuries.none": "Inga skador",
    "injuries.minor": "Lindriga skador",
    "injuries.serious": "Allvarliga skador",
    "police.none": "Polis inte tillkallad",
    "police.called": "Polis tillkallad, ingen anmälan än",
    "police.reported": "Polisanmälan gjord",
    errorFuture: "Tidpunkten ligger i framtiden.",
    conversationGone: "Den rapporten är redan skickad eller avbruten. Skriv **hot** för att rapportera en ny händelse.",
    conversationCancelled: "Avbrutet. Rapporten om hot och våld skickades inte, och det du svarat är borttaget. Skriv **hot** för att börja om.",
    noActivities: "Partnerskapet har inga verksamheter att rapportera för. Be en administratör lägga in dem.",
    submittedTo: "Tack. Rapporten är sparad och skickas till {recipients}.",
    submittedToNobody:
      "Rapporten är sparad, men ingen i samordningen eller hos din arbetsgivare kan nås i Samverka. Ring samordningen nu och berätta vad som hänt.",
    submitted: "Tack. Rapporten är sparad.",
    ownCopySamordning: "Du är själv i samordningen, så du har fått rapporten för att kvittera den.",
    ownCopyEmployer: "Du följer själv upp hos din arbetsgivare, så du har fått rapporten för uppföljningen.",
    notReached: "Samverka kan inte nå {recipients}. Ring {names} och berätta vad som hänt.",
    takeCare: "Ta hand om dig; du ska få stöd.",
    recipientSamordning: "{names} i samordningen",
    recipientEmployer: "{names} hos din arbetsgivare",
    detailsTitle: "Hot och våld: rapport",
    detailsWhen: "Tidpunkt",
    detailsWhere: "Verksamhet",
    detailsKind: "Typ",
    detailsSeverity: "Allvarlighetsgrad",
    detailsInjuries: "Skador",
    detailsPolice: "Polis",
    detailsSupport: "Behöver stöd",
    detailsDescription: "Beskrivning",
    detailsReporter: "Rapporterad av",
    detailsPurged: "(rensad efter lagringstiden)",
    yes: "Ja",
    no: "Nej",
    toSamordning: "En rapport om hot och våld har kommit in. Kvittera att du tagit emot den inom {minutes} minuter.",
    toManager: (p, f) =>
      `En rapport om hot och våld från din organisation. Håll avlastningssamtal med personalen inom 24 timmar (senast ${f.dateTime(p.deadline as Date)}).`,
    channelNotice: "En händelse med hot eller våld har rapporterats. Samordningen och ansvarig chef har fått rapporten.",
    channelNoticeSamordning: "En händelse med hot eller våld har rapporterats. Samordningen har fått rapporten.",
    channelNoticeEmployer: "En händelse med hot eller våld har rapporterats. Ansvarig chef har fått rapporten.",
    channelNoticeNobody: "En händelse med hot eller våld har rapporterats.",
    buttonAck: "Kvittera",
    buttonDebriefDone: "Avlastningssamtal hållet",
    buttonAuthorityDone: "Anmält till Arbetsmiljöverket",
    buttonPoliceReported: "Polisanmälan gjord",
    acked: "Kvitterat. Tack.",
    ackedBy: (p, f) => `Kvitterad av ${String(p.name)} ${f.dateTime(p.at as Date)}.`,
    alreadyAcked: (p, f) => `Rapporten är redan kvitterad (${when(p, f)}).`,
    notAllowedAck: "Bara samordningen kan kvittera rapporter om hot och våld.",
    notAllowedFollowUp: "Bara samordningen och chefer i den berörda organisationen kan markera uppföljningen.",
    notAllowedList: "Bara samordningen och administratörer kan läsa rapporter om hot och våld.",
    followUpDone: "Uppföljningen är markerad som klar.",
    unknownIncident: "Den rapporten finns inte i det här partnerskapet.",
    escalatedToJour: (p, f) =>
      `Eskalering: en rapport om hot och våld (${f.dateTime(p.at as Date)}) har inte kvitterats av samordningen inom ${String(p.minutes)} minuter.`,
    escalatedToSamordning: "Rapporten om hot och våld är fortfarande inte kvitterad; den har nu eskalerats till Socialjouren.",
    escalationUnreached:
      "Rapporten om hot och våld är fortfarande inte kvitterad, och Socialjouren kan inte nås i Samverka. Ring Socialjouren och kvittera sedan här.",
    debriefReminder: (p, f) =>
      `Påminnelse: avlastningssamtal efter händelsen ${f.dateTime(p.at as Date)} ska hållas inom 24 timmar (senast ${f.dateTime(p.deadline as Date)}).`,
    authorityReminder: (p, f) =>
      `Händelsen ${f.dateTime(p.at as Date)} är ett allvarligt tillbud eller gav allvarlig skada och ska anmälas till Arbetsmiljöverket i dag (AML 3 kap. 3 a §). Markera när det är gjort.`,
    policeReminder: (p, f) => `Polisen tillkallades vid händelsen ${f.dateTime(p.at as Date)}. Är en polisanmälan gjord?`,
    listTitle: "Senaste rapporterna om hot och våld",
    listEmpty: "Inga rapporter om hot och våld.",
    listNoText: "Beskrivningarna visas inte här: de finns i rapporterna som skickades till samordningen och arbetsgivaren.",
    detailsRetracted: (p, f) =>
      `Här stod en rapport om hot och våld (${f.dateTime(p.at as Date)}). Uppgifterna är borttagna efter partnerskapets lagringstid; de strukturerade uppgifterna finns kvar i Samverka.`,
  },
  en: {
    help: "**incident** – report threats or violence, one question at a time; **incident form** shows the whole form",
    formTitle: "Threats and violence",
    formIntro: "Report an incident of threats or violence. Refer to roles (staff, visitor), never names or personal identity numbers.",
    submit: "Send the report",
    dateLabel: "Date",
    timeLabel: "Time (hh.mm)",
    activityLabel: "Activity",
    kindLabel: "Type",
    severityLabel: "Severity",
    injuriesLabel: "Injuries",
    policeLabel: "Police",
    supportLabel: "Do the staff need support?",
    descriptionLabel: "Short description",
    staffInvolvedLabel: "Staff involved (number)",
    visitorsInvolvedLabel: "Visitors involved (number)",
    othersInvolvedLabel: "Others involved (number)",
    involvedHelp: "How many were involved, by role. Never who.",
    detailsInvolved: "Involved",
    "involved.staff": (p, f) => f.plural(Number(p.n), "1 staff member", `${f.number(Number(p.n))} staff`),
    "involved.visitors": (p, f) => f.plural(Number(p.n), "1 visitor", `${f.number(Number(p.n))} visitors`),
    "involved.others": (p, f) => f.plural(Number(p.n), "1 other", `${f.number(Number(p.n))} others`),
    descriptionHelp: "Refer to roles (staff, visitor), never names or personal identity numbers. At most 500 characters.",
    "kind.threat": "Threat",
    "kind.violence": "Violence",
    "kind.both": "Both threat and violence",
    "severity.minor": "Less serious",
    "severity.moderate": "Serious",
    "severity.serious_incident": "Serious incident (allvarligt tillbud)",
    "injuries.none": "No injuries",
    "injuries.minor": "Minor injuries",
    "injuries.serious": "Serious injuries",
    "police.none": "Police not called",
    "police.called": "Police called, no report yet",
    "police.reported": "Police report made",
    errorFuture: "That time is in the future.",
    conversationGone: "That report was already sent or cancelled. Type **incident** to report a new one.",
    conversationCancelled: "Cancelled. The report of threats and violence was not sent, and your answers are discarded. Type **incident** to start again.",
    noActivities: "The partnership has no activities to report for. Ask an administrator to add them.",
    submittedTo: "Thank you. The report is saved and goes to {recipients}.",
    submittedToNobody:
      "The report is saved, but nobody in samordning or at your employer can be reached in Samverka. Phone samordning now and tell them what happened.",
    submitted: "Thank you. The report is saved.",
    ownCopySamordning: "You are in samordning yourself, so you have the report to acknowledge.",
    ownCopyEmployer: "You follow up for your employer yourself, so you have the report for the follow-up.",
    notReached: "Samverka cannot reach {recipients}. Phone {names} and tell them what happened.",
    takeCare: "Take care of yourself; you should get support.",
    recipientSamordning: "{names} in samordning",
    recipientEmployer: "{names} at your employer",
    detailsTitle: "Threats and violence: report",
    detailsWhen: "Time",
    detailsWhere: "Activity",
    detailsKind: "Type",
    detailsSeverity: "Severity",
    detailsInjuries: "Injuries",
    detailsPolice: "Police",
    detailsSupport: "Support needed",
    detailsDescription: "Description",
    detailsReporter: "Reported by",
    detailsPurged: "(purged after the retention period)",
    yes: "Yes",
    no: "No",
    toSamordning: "A report of threats and violence has come in. Acknowledge it within {minutes} minutes.",
    toManager: (p, f) =>
      `A report of threats and violence from your organisation. Hold a debriefing talk (avlastningssamtal) with the staff within 24 hours (by ${f.dateTime(p.deadline as Date)}).`,
    channelNotice: "An incident of threats or violence has been reported. Samordning and the manager responsible have the report.",
    channelNoticeSamordning: "An incident of threats or violence has been reported. Samordning has the report.",
    channelNoticeEmployer: "An incident of threats or violence has been reported. The manager responsible has the report.",
    channelNoticeNobody: "An incident of threats or violence has been reported.",
    buttonAck: "Acknowledge",
    buttonDebriefDone: "Debriefing held",
    buttonAuthorityDone: "Reported to Arbetsmiljöverket",
    buttonPoliceReported: "Police report made",
    acked: "Acknowledged. Thank you.",
    ackedBy: (p, f) => `Acknowledged by ${String(p.name)} at ${f.dateTime(p.at as Date)}.`,
    alreadyAcked: (p, f) => `The report is already acknowledged (${when(p, f)}).`,
    notAllowedAck: "Only samordning can acknowledge reports of threats and violence.",
    notAllowedFollowUp: "Only samordning and managers of the organisation concerned can mark the follow-up.",
    notAllowedList: "Only samordning and administrators can read reports of threats and violence.",
    followUpDone: "The follow-up is marked as done.",
    unknownIncident: "That report does not exist in this partnership.",
    escalatedToJour: (p, f) =>
      `Escalation: a report of threats and violence (${f.dateTime(p.at as Date)}) has not been acknowledged by samordning within ${String(p.minutes)} minutes.`,
    escalatedToSamordning: "The report of threats and violence is still not acknowledged; it has now been escalated to Socialjouren.",
    escalationUnreached:
      "The report of threats and violence is still not acknowledged, and Socialjouren cannot be reached in Samverka. Phone Socialjouren, then acknowledge here.",
    debriefReminder: (p, f) =>
      `Reminder: the debriefing talk after the incident on ${f.dateTime(p.at as Date)} is due within 24 hours (by ${f.dateTime(p.deadline as Date)}).`,
    authorityReminder: (p, f) =>
      `The incident on ${f.dateTime(p.at as Date)} is a serious incident or caused serious injury and must be reported to Arbetsmiljöverket today (AML 3 kap. 3 a §). Mark it when done.`,
    policeReminder: (p, f) => `The police were called to the incident on ${f.dateTime(p.at as Date)}. Has a police report been made?`,
    listTitle: "Latest reports of threats and violence",
    listEmpty: "No reports of threats and violence.",
    listNoText: "Descriptions are not shown here: they are in the reports sent to samordning and the employer.",
    detailsRetracted: (p, f) =>
      `A report of threats and violence (${f.dateTime(p.at as Date)}) was here. Its details were removed at the end of the partnership's retention period; the structured facts remain in Samverka.`,
  },
};
