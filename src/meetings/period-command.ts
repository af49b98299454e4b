import type { Actor, CommandHandler } from "../app/feature.ts";
import { textMessage } from "../chat/index.ts";
import { findPartnership, hasAnyRole, type PeriodDecision, type PeriodDecisionRefusal } from "../partnerships/index.ts";
import { extensionDeadlineOf } from "../reports/index.ts";
import { decidePeriod } from "./agreement-period.ts";
import { translatorFor } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { meetingMessages, type MeetingMessageKey } from "./meetings.messages.ts";
import { createTranslator } from "../shared/i18n.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What was written after the word: a decision, a question about the period, or something else. */
type Parsed = { kind: "decision"; decision: PeriodDecision } | { kind: "status" } | { kind: "bad-date"; value: string } | { kind: "usage" };

/** `beviljad till 2028-04-30`, `granted until 2028-04-30`, `beviljad` (one step), `avslutas` / `ends`. */
export function parsePeriodArgs(args: string): Parsed {
  const words = args
    .toLowerCase()
    .replace(/[.,]$/, "")
    .split(/\s+/)
    .filter((w) => w !== "");
  if (words.length === 0 || words[0] === "status") return { kind: "status" };
  const [first, ...rest] = words;
  if (["avslutas", "avslutad", "avslutat", "ends", "ended", "ending", "declined"].includes(first!) && rest.length === 0)
    return { kind: "decision", decision: { kind: "ending" } };
  if (!["beviljad", "beviljat", "beviljas", "granted", "approved"].includes(first!)) return { kind: "usage" };
  const date = rest.filter((w) => !["till", "t.o.m.", "tom", "until", "to", "through"].includes(w));
  if (date.length === 0) return { kind: "decision", decision: { kind: "extended" } };
  const value = date.join(" ");
  if (date.length > 1 || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || !new Date(`${value}T00:00:00Z`).toISOString().startsWith(value))
    return { kind: "bad-date", value };
  return { kind: "decision", decision: { kind: "extended", until: value } };
}

/** The styrgrupp's chair (of any styrgrupp of the partnership) or an admin may record the decision. */
async function mayDecide(deps: MeetingsDeps, actor: Actor): Promise<boolean> {
  if (hasAnyRole(actor.member, ["admin"])) return true;
  const chair = await deps.db
    .selectFrom("group_members as gm")
    .innerJoin("groups as g", "g.id", "gm.group_id")
    .select("g.id")
    .where("gm.member_id", "=", actor.member.id)
    .where("gm.role", "=", "chair")
    .where("g.kind", "=", "styrgrupp")
    .where("g.active", "=", true)
    .executeTakeFirst();
  return chair !== undefined;
}

/**
 * `förlängning`: shows the agreement period and how to record the decision; `förlängning beviljad till DATE` and
 * `förlängning avslutas` record it (styrgrupp chair or admin): the period moves, planning goes on or winds down.
 */
export function createPeriodCommand(deps: MeetingsDeps): CommandHandler {
  return {
    words: { sv: ["förlängning", "forlangning"], en: ["extension"] },
    help: (locale) => createTranslator(meetingMessages, locale)("help.period"),
    run: async ({ actor, args, reply }) => {
      const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
      const say = (key: MeetingMessageKey, params: Record<string, string | number | Date> = {}) => reply.whisper(textMessage(t(key, params)));
      const parsed = parsePeriodArgs(args);
      const partnership = await findPartnership(deps.db, actor.partnership.id);
      if (partnership === undefined) return;
      const { period } = partnership;
      if (parsed.kind === "status" || parsed.kind === "usage") {
        const extension = period.extension;
        const canExtend = extension !== null && extension.until > period.end;
        const deadline = canExtend && extension.agreementDeadline !== null ? extensionDeadlineOf(period.end, extension.agreementDeadline) : undefined;
        const lines = [
          t("period.status", { start: period.start, end: period.end }),
          canExtend
            ? t(deadline === undefined ? "period.status.extendable" : "period.status.extendableBy", { until: extension.until, deadline: deadline ?? "" })
            : t("period.status.final"),
          t("period.usage"),
        ];
        return reply.whisper({ text: lines[0]!, blocks: lines.map((text) => ({ type: "text", text })) });
      }
      if (parsed.kind === "bad-date") return say("period.badDate", { value: parsed.value });
      if (!(await mayDecide(deps, actor))) return say("period.notAllowed");
      const result = await decidePeriod(deps, actor.partnership.id, parsed.decision, { memberId: actor.member.id, name: actor.member.displayName });
      if (!result.ok) return say(...refusalText(result));
      const { recorded, planned } = result.outcome;
      if (recorded.decision === "extended") return say("period.extended.done", { end: recorded.after.end, count: planned });
      return say("period.ending.done", { end: recorded.after.end });
    },
  };
}

function refusalText(refusal: PeriodDecisionRefusal): [MeetingMessageKey, Record<string, string | number | Date>] {
  switch (refusal.reason) {
    case "not_found":
      return ["meeting.gone", {}];
    case "no_extension":
      return ["period.noExtension", { end: refusal.end }];
    case "already_decided":
      return [refusal.decision === "extended" ? "period.already.extended" : "period.already.ending", { end: refusal.end, at: refusal.decidedAt }];
    case "not_after_end":
      return ["period.notAfterEnd", { end: refusal.end }];
    case "beyond_limit":
      return ["period.beyondLimit", { limit: refusal.limit }];
  }
}
