import type { Catalogue } from "../shared/i18n.ts";

/** What a person hears when they send faster than the rate limit allows. */
export const rateLimitMessages: Catalogue<"slowDown"> = {
  sv: { slowDown: "Oj, det gick fort! Du har skickat många kommandon på kort tid, så jag väntar lite med resten. Försök igen om en halv minut." },
  en: { slowDown: "Whoa, that was fast! You sent many commands in a short time, so I am holding the rest back. Try again in half a minute." },
};
