import { DateTime } from "luxon";
import { defineReminder, type ReminderHandler } from "../../app/feature.ts";
import type { Block, Compose } from "../../chat/index.ts";
import { loadColdNightSettings } from "../cold-nights/cold-night-settings.ts";
import { SamverkaError } from "../../shared/errors.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findMembersWithRole } from "../alerts.directory.ts";
import { tellMembers } from "../alerts.notices.ts";
import { COLD_NIGHT_ACTIONS } from "../cold-nights/cold-night.card.ts";
import { createNightTranslator } from "../cold-nights/night-name.ts";
import { FORECAST_NOTICE_KIND, forecastNoticeKey, forecastNoticePayload } from "./forecast.jobs.ts";
import { isNightDeclared, loadForecastDecision, loadRun, type SuggestedNight } from "./forecast.repository.ts";
import { forecastMessages } from "./forecast.messages.ts";

/**
 * Tells samordning what the forecast check decided: a run of cold nights with a declare button per night, or that
 * the forecast was unavailable. Nights declared meanwhile are left out; with none left there is nothing to say.
 */
export function createForecastNoticeHandler(deps: AlertsDeps): ReminderHandler {
  return defineReminder({
    kind: FORECAST_NOTICE_KIND,
    payload: forecastNoticePayload,
    async run(_reminder, { partnershipId, night, kind }) {
      const decision = await loadForecastDecision(deps.db, partnershipId, night);
      if (decision === undefined) return;
      const unavailable = kind === "unavailable" || (kind === undefined && decision.outcome === "unavailable");
      let compose: Compose;
      let nights: SuggestedNight[] = [];
      if (unavailable) {
        compose = composeUnavailable(night, decision.attempts);
      } else {
        const run = await loadRun(deps.db, partnershipId, night);
        for (const n of run) if (!(await isNightDeclared(deps.db, partnershipId, n.night))) nights.push(n);
        if (nights.length === 0) return;
        const useFeelsLike = (await loadColdNightSettings(deps.db, partnershipId))?.useFeelsLike ?? false;
        compose = composeRun(nights, useFeelsLike);
      }
      const samordning = await findMembersWithRole(deps.db, partnershipId, ["samordning"]);
      const outcome = unavailable ? "unavailable" : "suggested";
      const reached = await tellMembers(deps.notifier, samordning, compose, `${forecastNoticeKey(partnershipId, night)}:${outcome}`);
      if (samordning.length > 0 && reached === 0) {
        throw new SamverkaError("platform_unavailable", `The forecast notice for ${night} reached no one in samordning; retrying.`, { retryable: true });
      }
      nights = unavailable ? [] : nights;
      await recordAudit(deps.db, {
        partnershipId,
        actorMemberId: null,
        action: `forecast.${outcome}`,
        subjectType: "cold_night_forecast",
        subjectId: night,
        details: {
          nights: nights.map((n) => ({ night: n.night, minimumC: n.minimumC, airC: n.airC, feelsLikeC: n.feelsLikeC })),
          thresholdC: decision.thresholdC,
          error: decision.lastError,
          reached,
        },
        at: deps.clock.now(),
      });
    },
  });
}

/** One notice for a run: "three nights in a row below −7 °C from Sunday", each night's low, a button per night. */
function composeRun(nights: readonly SuggestedNight[], useFeelsLike: boolean): Compose {
  return ({ locale, timeZone }) => {
    const t = createNightTranslator(forecastMessages, locale, timeZone);
    const first = nights[0]!;
    const threshold = first.thresholdC;
    const weekday = DateTime.fromISO(first.night)
      .setLocale(locale === "sv" ? "sv" : "en-GB")
      .toFormat("cccc");
    const title = nights.length === 1 ? t("suggestTitle", { night: first.night }) : t("suggestRunTitle", { n: nights.length, threshold, weekday });
    const lines = nights.map((n) =>
      useFeelsLike && n.feelsLikeC !== null
        ? t("suggestNightFeels", { night: n.night, feels: n.feelsLikeC, air: n.airC ?? n.minimumC, at: n.minimumAt })
        : t("suggestNight", { night: n.night, air: n.airC ?? n.minimumC, at: n.minimumAt }),
    );
    const intro = first.forecastCreatedAt === null ? undefined : t("suggestIntro", { created: first.forecastCreatedAt });
    const thresholdText = t(useFeelsLike ? "suggestThresholdFeels" : "suggestThreshold", { threshold });
    const blocks: Block[] = [
      { type: "heading", text: title },
      ...(intro === undefined ? [] : [{ type: "text" as const, text: intro }]),
      { type: "list", items: lines },
      { type: "text", text: thresholdText },
      {
        type: "buttons",
        buttons: nights.map((n, i) => ({
          actionId: COLD_NIGHT_ACTIONS.declare,
          label: t("suggestButton", { night: n.night }),
          value: `${n.night}|${n.airC ?? n.minimumC}`,
          ...(i === 0 ? { style: "primary" as const } : {}),
        })),
      },
      { type: "text", text: t("suggestNote") },
    ];
    return { text: `${title}. ${lines.join("; ")}. ${thresholdText}`, blocks };
  };
}

function composeUnavailable(night: string, attempts: number): Compose {
  return ({ locale, timeZone }) => {
    const t = createNightTranslator(forecastMessages, locale, timeZone);
    const body = t("unavailableBody", { attempts });
    return {
      text: `${t("unavailableTitle", { night })}: ${body}`,
      blocks: [
        { type: "heading", text: t("unavailableTitle", { night }) },
        { type: "text", text: body },
      ],
    };
  };
}
