import type { Catalogue } from "../shared/i18n.ts";

type Key =
  | "help.title"
  | "help.intro"
  | "help.hjalp"
  | "help.status"
  | "help.moten"
  | "help.agenda"
  | "help.kallnatt"
  | "help.platser"
  | "help.hot"
  | "help.rapport"
  | "help.footer"
  | "help.didYouMean"
  | "status.title"
  | "status.partnership"
  | "status.roles"
  | "status.noRoles"
  | "status.organisation"
  | "status.groups"
  | "status.noGroups"
  | "status.current"
  | "notMember.title"
  | "notMember.askAdmins"
  | "notMember.askGeneric"
  | "choose.title"
  | "choose.body"
  | "choose.done"
  | "coming"
  | "error.generic"
  | "error.forbidden"
  | "welcome"
  | "reply.inDirect";

/** The chat core's strings: help, status, membership and error messages. */
export const chatMessages: Catalogue<Key> = {
  sv: {
    "help.title": "Samverka – det här kan jag",
    "help.intro": "Skriv ett kommando till mig (i Slack: `/samverka` och kommandot, t.ex. `/samverka hjälp`).",
    "help.hjalp": "**hjälp** – visar den här listan",
    "help.status": "**status** – vilka partnerskap du tillhör och dina roller",
    "help.moten": "**möten** – kommande möten i dina grupper",
    "help.agenda": "**agenda** och punkten – föreslå en punkt till nästa möte",
    "help.kallnatt": "**kallnatt [datum] [temperatur]** – utlys en extra kall natt",
    "help.platser": "**platser** – lediga sängar i natt; **platser 12 lediga** rapporterar för ditt härbärge",
    "help.hot": "**hot** – rapportera hot eller våld",
    "help.rapport": "**rapport** – fyll i uppföljning; **rapport status** visar läget",
    "help.footer":
      "Svara gärna på svenska eller engelska (help, status, meetings, cold-night, incident, report). Med **language en** svarar jag dig på engelska.",
    "help.didYouMean": "Menade du **{command}**? Skriv det igen så här:",
    "status.title": "Din status i Samverka",
    "status.partnership": "Partnerskap",
    "status.roles": "Roller",
    "status.noRoles": "inga särskilda roller",
    "status.organisation": "Organisation",
    "status.groups": "Grupper",
    "status.noGroups": "inga grupper",
    "status.current": "(gäller nu)",
    "notMember.title": "Du är inte med i något partnerskap i Samverka än.",
    "notMember.askAdmins": "Be {admins} lägga till dig i partnerskapet {partnership}.",
    "notMember.askGeneric": "Be partnerskapets samordnare eller administratör att lägga till dig i partnerskapsfilen.",
    "choose.title": "Du är med i flera partnerskap",
    "choose.body": "Välj vilket partnerskap du vill arbeta i här. Du kan byta när som helst med **status**.",
    "choose.done": "Du arbetar nu i {partnership}.",
    coming: "Kommandot **{command}** kommer snart.",
    "error.generic": "Något gick fel hos mig och det du gjorde kunde inte slutföras. Inget av det du redan skickat har försvunnit. Försök igen om en stund.",
    "error.forbidden": "Du har inte behörighet till det här. Fråga partnerskapets samordning om du behöver det.",
    welcome: "Hej! Jag är Samverka. Skriv **hjälp** för att se vad jag kan.",
    "reply.inDirect": "Jag svarade dig i vår chatt.",
  },
  en: {
    "help.title": "Samverka – what I can do",
    "help.intro": "Send me a command (in Slack: `/samverka` and the command, e.g. `/samverka help`).",
    "help.hjalp": "**help** – shows this list",
    "help.status": "**status** – which partnerships you belong to and your roles",
    "help.moten": "**meetings** – upcoming meetings of your groups",
    "help.agenda": "**agenda** and the item – propose an item for the next meeting",
    "help.kallnatt": "**cold-night [date] [temperature]** – declare an extra cold night",
    "help.platser": "**beds** – free beds tonight; **beds 12 free** reports for your shelter",
    "help.hot": "**incident** – report threats or violence",
    "help.rapport": "**report** – fill in the follow-up; **report status** shows progress",
    "help.footer": "Swedish commands work too (hjälp, status, möten, kallnatt, hot, rapport). With **språk sv** I answer you in Swedish.",
    "help.didYouMean": "Did you mean **{command}**? Write it again like that:",
    "status.title": "Your status in Samverka",
    "status.partnership": "Partnership",
    "status.roles": "Roles",
    "status.noRoles": "no particular roles",
    "status.organisation": "Organisation",
    "status.groups": "Groups",
    "status.noGroups": "no groups",
    "status.current": "(current)",
    "notMember.title": "You are not a member of any partnership in Samverka yet.",
    "notMember.askAdmins": "Ask {admins} to add you to the partnership {partnership}.",
    "notMember.askGeneric": "Ask the partnership's coordination function or administrator to add you to the partnership file.",
    "choose.title": "You belong to several partnerships",
    "choose.body": "Choose the partnership you want to work in here. You can switch at any time with **status**.",
    "choose.done": "You are now working in {partnership}.",
    coming: "The command **{command}** is coming soon.",
    "error.generic": "Something went wrong on my side and your action could not be completed. Nothing you already sent is lost. Please try again in a moment.",
    "error.forbidden": "You are not allowed to do this. Ask the partnership's coordination function if you need to.",
    welcome: "Hi! I am Samverka. Type **help** to see what I can do.",
    "reply.inDirect": "I answered you in our chat.",
  },
};

/** Role names as members read them. */
export const roleNames: Catalogue<"admin" | "coordinator" | "samordning" | "shelter_staff" | "manager" | "socialjouren" | "chair" | "secretary" | "member"> = {
  sv: {
    admin: "administratör",
    coordinator: "samordnare",
    samordning: "samordningsfunktionen",
    shelter_staff: "personal på härbärge",
    manager: "chef",
    socialjouren: "Socialjouren",
    chair: "ordförande",
    secretary: "sekreterare",
    member: "ledamot",
  },
  en: {
    admin: "administrator",
    coordinator: "coordinator",
    samordning: "coordination function",
    shelter_staff: "shelter staff",
    manager: "manager",
    socialjouren: "Socialjouren",
    chair: "chair",
    secretary: "secretary",
    member: "member",
  },
};
