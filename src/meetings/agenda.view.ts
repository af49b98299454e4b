import type { Block, Compose } from "../chat/index.ts";
import { LOCALES, type Locale } from "../shared/i18n.ts";
import { openAgendaItems, type AgendaItem } from "./agenda.repository.ts";
import type { Meeting } from "./meeting.repository.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { meetingFacts, translatorFor } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { gatherStandingItems, type StandingItems } from "./standing-items.ts";

/**
 * Builds the agenda as it stands now: standing items first, then proposed and carried-over items. The standing
 * items are gathered for `locales` only (the readers' languages).
 */
export async function composeAgenda(deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting, locales: readonly Locale[] = LOCALES): Promise<Compose> {
  const items = await openAgendaItems(deps.db, group.id, meeting);
  const standing = new Map<Locale, StandingItems>();
  for (const locale of locales) standing.set(locale, await gatherStandingItems(deps.db, deps.agendaSources, group, meeting, locale));
  const today = deps.clock.now().toISOString().slice(0, 10);
  return (audience) => {
    const t = translatorFor(audience);
    const s = standing.get(audience.locale)!;
    const title = t("agenda.title", { group: group.name, at: meeting.startsAt });
    const standingLines = [
      t("standing.actions", { count: s.actions.length }),
      ...s.actions.map((a) => `  • ${t("standing.action", { text: a.text, owner: a.owner, due: a.dueDate, overdue: a.dueDate < today ? 1 : 0 })}`),
      ...(s.incidents === undefined ? [] : [t("standing.incidents", { count: s.incidents })]),
      ...(s.coldNights === undefined ? [] : [t("standing.coldNights", { count: s.coldNights })]),
      ...(s.reports === undefined || s.reports.length === 0 ? [] : [t("standing.reports"), ...s.reports.map((r) => `  • ${t("standing.report", { ...r })}`)]),
      // The reports capability may have put the same deadline on the agenda already, under the same key.
      ...(s.extension === undefined || items.some((i) => i.sourceKey === s.extension!.key)
        ? []
        : [t("standing.extension", { date: s.extension.date, days: s.extension.days })]),
    ];
    const blocks: Block[] = [
      { type: "heading", text: title },
      meetingFacts(t, audience, group, meeting),
      { type: "heading", text: t("agenda.standing") },
      { type: "list", items: standingLines },
      { type: "heading", text: t("agenda.proposed") },
      items.length === 0 ? { type: "text", text: t("agenda.noneProposed") } : { type: "list", items: items.map((i) => describeItem(i, t, audience.locale)) },
    ];
    return { text: title, blocks };
  };
}

function describeItem(item: AgendaItem, t: ReturnType<typeof translatorFor>, locale: Locale): string {
  const own = locale === "en" && item.textEn !== null ? item.textEn : item.text;
  const text = item.proposedBy === null ? own : t("agenda.byMember", { text: own, name: item.proposedBy });
  return item.carriedOver ? t("agenda.carried", { text }) : text;
}
