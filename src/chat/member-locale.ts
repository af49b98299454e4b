import type { Db } from "../db/database.ts";
import type { Locale } from "../shared/i18n.ts";
import { findMemberships } from "./actor.repository.ts";
import type { PlatformUser } from "./chat-port.ts";

/** The language a person reads: the member's own (chosen with `språk`, else their partnership file's), else `fallback`. */
export async function localeOfUser(db: Db, user: PlatformUser | undefined, fallback: Locale): Promise<Locale> {
  if (user === undefined) return fallback;
  const memberships = await findMemberships(db, user);
  return memberships[0]?.member.locale ?? fallback;
}

// Command words only one language has. Someone we do not know yet is answered in the language they wrote in.
const WORD_LOCALES: ReadonlyMap<string, Locale> = new Map([
  ...["help", "meetings", "meeting", "new", "cold-night", "coldnight", "beds", "incident", "report", "decisions", "extension", "log", "language"].map(
    (w) => [w, "en"] as const,
  ),
  ...[
    "hjälp",
    "hjalp",
    "möten",
    "moten",
    "möte",
    "mote",
    "nytt",
    "dagordning",
    "kallnatt",
    "platser",
    "hot",
    "rapport",
    "beslut",
    "förlängning",
    "forlangning",
    "logg",
    "språk",
    "sprak",
  ].map((w) => [w, "sv"] as const),
]);

/** The language of a command's first word when only one language has that word (`help` → en), else `fallback`. */
export function localeOfCommand(text: string, fallback: Locale): Locale {
  const word = text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  return WORD_LOCALES.get(word) ?? fallback;
}
