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
