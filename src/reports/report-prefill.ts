import type { Answers, FormDefinition } from "../forms/index.ts";
import type { Logger } from "../shared/logger.ts";

/** Which organisation and which local dates (inclusive) the figures are for. */
export interface PrefillQuery {
  partnershipId: string;
  organisationId: string;
  from: string;
  to: string;
}

/** What the bot already knows from cold nights and incidents; wired by the composition root. */
export interface ReportPrefillSources {
  /** Extra cold nights opened, extra places used and people turned away by the organisation in the period. */
  coldNightFigures(query: PrefillQuery): Promise<{ coldNights: number; extraPlacesUsed: number; turnedAway: number }>;
  /** Incidents of threats and violence the organisation reported in the period. */
  incidentFigures(query: PrefillQuery): Promise<{ incidents: number }>;
}

/** Answers prefilled from what the bot knows, and which fields they are; a failing source only loses its figures. */
export async function prefillAnswers(
  definition: FormDefinition,
  sources: ReportPrefillSources | undefined,
  query: PrefillQuery,
  logger: Logger,
): Promise<{ answers: Answers; prefilled: string[] }> {
  const wanted = definition.fields.filter((f) => f.prefill !== undefined);
  if (sources === undefined || wanted.length === 0) return { answers: {}, prefilled: [] };
  const figures: Record<string, number> = {};
  const names = new Set(wanted.map((f) => f.prefill!));
  if (["coldNights", "extraPlacesUsed", "turnedAway"].some((n) => names.has(n))) {
    try {
      Object.assign(figures, await sources.coldNightFigures(query));
    } catch (error) {
      logger.warn({ err: error, ...query }, "cold-night figures unavailable; the report is not prefilled with them");
    }
  }
  if (names.has("incidents")) {
    try {
      Object.assign(figures, await sources.incidentFigures(query));
    } catch (error) {
      logger.warn({ err: error, ...query }, "incident figures unavailable; the report is not prefilled with them");
    }
  }
  const answers: Answers = {};
  for (const field of wanted) {
    const value = figures[field.prefill!];
    if (typeof value === "number") answers[field.id] = value;
  }
  return { answers, prefilled: Object.keys(answers) };
}
