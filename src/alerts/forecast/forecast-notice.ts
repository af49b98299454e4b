import { defineReminder, type ReminderHandler } from "../../app/feature.ts";
import type { Compose } from "../../chat/notifier.ts";
import { SamverkaError } from "../../shared/errors.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findMembersWithRole } from "../alerts.directory.ts";
import { tellMembers } from "../alerts.notices.ts";
import { COLD_NIGHT_ACTIONS } from "../cold-nights/cold-night-card.ts";
import { FORECAST_NOTICE_KIND, forecastNoticeKey, forecastNoticePayload } from "./forecast.jobs.ts";
import { isNightDeclared, loadForecastDecision, type ForecastDecision } from "./forecast.repository.ts";
import { forecastMessages } from "./forecast.messages.ts";
import { createNightTranslator } from "../cold-nights/night-name.ts";

/** Tells samordning what the night's forecast check decided: a suggestion with a declare button, or "unavailable". */
export function createForecastNoticeHandler(deps: AlertsDeps): ReminderHandler {
  return defineReminder({
    kind: FORECAST_NOTICE_KIND,
    payload: forecastNoticePayload,
    async run(_reminder, { partnershipId, night }) {
      const decision = await loadForecastDecision(deps.db, partnershipId, night);
      if (decision === undefined || (decision.outcome !== "suggested" && decision.outcome !== "unavailable")) return;
      // Declared meanwhile (by hand): the suggestion has nothing left to suggest.
      if (decision.outcome === "suggested" && (await isNightDeclared(deps.db, partnershipId, night))) return;
      const samordning = await findMembersWithRole(deps.db, partnershipId, ["samordning"]);
      const compose = decision.outcome === "suggested" ? composeSuggestion(night, decision) : composeUnavailable(night, decision.attempts);
      const reached = await tellMembers(deps.notifier, samordning, compose, `${forecastNoticeKey(partnershipId, night)}:${decision.outcome}`);
      if (samordning.length > 0 && reached === 0) {
        throw new SamverkaError("platform_unavailable", `The forecast notice for ${night} reached no one in samordning; retrying.`, { retryable: true });
      }
      await recordAudit(deps.db, {
        partnershipId,
        actorMemberId: null,
        action: `forecast.${decision.outcome}`,
        subjectType: "cold_night_forecast",
        subjectId: night,
        details: { minimumC: decision.minimumC, thresholdC: decision.thresholdC, error: decision.lastError, reached },
        at: deps.clock.now(),
      });
    },
  });
}

function composeSuggestion(night: string, decision: ForecastDecision): Compose {
  return ({ locale, timeZone }) => {
    const t = createNightTranslator(forecastMessages, locale, timeZone);
    const body = t("suggestBody", { min: decision.minimumC!, at: decision.minimumAt!, threshold: decision.thresholdC!, created: decision.forecastCreatedAt! });
    return {
      text: `${t("suggestTitle", { night })}: ${body}`,
      blocks: [
        { type: "heading", text: t("suggestTitle", { night }) },
        { type: "text", text: body },
        { type: "buttons", buttons: [{ actionId: COLD_NIGHT_ACTIONS.declare, label: t("suggestButton"), value: `${night}|${decision.minimumC}`, style: "primary" }] },
        { type: "text", text: t("suggestNote") },
      ],
    };
  };
}

function composeUnavailable(night: string, attempts: number): Compose {
  return ({ locale, timeZone }) => {
    const t = createNightTranslator(forecastMessages, locale, timeZone);
    const body = t("unavailableBody", { attempts });
    return { text: `${t("unavailableTitle", { night })}: ${body}`, blocks: [{ type: "heading", text: t("unavailableTitle", { night }) }, { type: "text", text: body }] };
  };
}
