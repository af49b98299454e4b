import type { CommandHandler, Feature } from "../app/feature.ts";
import { type Block, textMessage } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import { createFormatters, createTranslator } from "../shared/i18n.ts";
import { ACTION_WORDS, privacyMessages } from "./privacy.messages.ts";

/** How many events `logg` shows; the rest stay in the database. */
const LOG_LIMIT = 25;

/** The latest events of a partnership's audit trail, newest first, with the actor's name as it is now. */
async function latestEvents(db: Db, partnershipId: string, limit: number) {
  return db
    .selectFrom("audit_events as e")
    .leftJoin("members as m", "m.id", "e.actor_member_id")
    .select(["e.action", "e.at", "m.display_name as actor"])
    .where("e.partnership_id", "=", partnershipId)
    .orderBy("e.at", "desc")
    .limit(limit)
    .execute();
}

/**
 * `logg`: the audit trail (who declared, acknowledged, submitted, corrected, imported, erased) for the partnership's
 * administrators, answered to them only. It names actions and subjects, never free text.
 */
export function createAuditLogCommand(db: Db): CommandHandler {
  return {
    words: { sv: ["logg"], en: ["log"] },
    help: (locale) => createTranslator(privacyMessages, locale)("log.help"),
    roles: ["admin"],
    async run({ actor, reply }) {
      const t = createTranslator(privacyMessages, actor.locale, actor.partnership.timeZone);
      const events = await latestEvents(db, actor.partnership.id, LOG_LIMIT);
      if (events.length === 0) return reply.whisper(textMessage(t("log.empty")));
      const f = createFormatters(actor.locale, actor.partnership.timeZone);
      const words = ACTION_WORDS[actor.locale];
      const items = events.map((e) => {
        const what = words[e.action];
        return t("log.line", { at: e.at, who: e.actor ?? t("log.bot"), what: typeof what === "string" ? what : e.action });
      });
      const blocks: Block[] = [
        { type: "heading", text: t("log.title") },
        { type: "list", items },
        { type: "text", text: t("log.footer", { n: f.number(events.length) }) },
      ];
      await reply.whisper({ text: t("log.title"), blocks });
    },
  };
}

/** The audit trail in chat, for administrators. */
export function createPrivacyFeature(deps: { db: Db }): Feature {
  return { name: "privacy", commands: [createAuditLogCommand(deps.db)] };
}
