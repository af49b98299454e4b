import type { Catalogue } from "../shared/i18n.ts";

type Key =
  | "help.title"
  | "help.reach.slack"
  | "help.reach.teams"
  | "help.line.help"
  | "help.line.status"
  | "help.otherLanguage"
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
  | "notUnderstood"
  | "notUnderstood.didYouMean"
  | "notUnderstood.nearest"
  | "notUnderstood.more"
  | "error.generic"
  | "error.forbidden"
  | "welcome"
  | "reply.inDirect"
  | "reply.savedNotShown";

/** The chat core's strings: help, status, membership and error messages. */
export const chatMessages: Catalogue<Key> = {
  sv: {
    "help.title": "Samverka – det här kan jag",
    "help.reach.slack": "Skriv `/samverka` och ett kommando, i vilken kanal som helst, eller skriv kommandot till mig i ett direktmeddelande.",
    "help.reach.teams": "Skriv ett kommando till mig här i vår chatt. I en gruppchatt eller kanal börjar du med @Samverka, till exempel `@Samverka möten`.",
    "help.line.help": "**hjälp** – visar den här listan",
    "help.line.status": "**status** – vilka partnerskap du tillhör och dina roller",
    "help.otherLanguage": "Engelska ord fungerar också ({words}).",
    notUnderstood: "Jag förstod inte det du skrev.",
    "notUnderstood.didYouMean": "Menade du **{command}**?",
    "notUnderstood.nearest": "Det här ligger närmast:",
    "notUnderstood.more": "Skriv **hjälp** för allt jag kan.",
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
    "error.generic": "Något gick fel hos mig och det du gjorde kunde inte slutföras. Inget av det du redan skickat har försvunnit. Försök igen om en stund.",
    "error.forbidden": "Du har inte behörighet till det här. Fråga partnerskapets samordning om du behöver det.",
    welcome: "Hej! Jag är Samverka. Skriv **hjälp** för att se vad jag kan.",
    "reply.inDirect": "Jag svarade dig i vår chatt.",
    "reply.savedNotShown": "Det du gjorde är sparat, men svaret kunde inte visas där du var.",
  },
  en: {
    "help.title": "Samverka – what I can do",
    "help.reach.slack": "Type `/samverka` and a command in any channel, or send me the command in a direct message.",
    "help.reach.teams": "Send me a command here in our chat. In a group chat or channel, start with @Samverka, for example `@Samverka meetings`.",
    "help.line.help": "**help** – shows this list",
    "help.line.status": "**status** – which partnerships you belong to and your roles",
    "help.otherLanguage": "Swedish words work too ({words}).",
    notUnderstood: "I did not understand what you wrote.",
    "notUnderstood.didYouMean": "Did you mean **{command}**?",
    "notUnderstood.nearest": "These come closest:",
    "notUnderstood.more": "Type **help** for everything I can do.",
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
    "error.generic": "Something went wrong on my side and your action could not be completed. Nothing you already sent is lost. Please try again in a moment.",
    "error.forbidden": "You are not allowed to do this. Ask the partnership's coordination function if you need to.",
    welcome: "Hi! I am Samverka. Type **help** to see what I can do.",
    "reply.inDirect": "I answered you in our chat.",
    "reply.savedNotShown": "What you did is saved, but the answer could not be shown where you were.",
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
