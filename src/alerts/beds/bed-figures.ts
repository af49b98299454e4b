import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/**
 * People turned away for lack of places per organisation over the nights `from`–`to` (ISO dates, inclusive): the bed
 * board's nightly counts, and on an extra cold night the morning follow-up's when it is larger. Both count the same
 * people on a cold night, so a night takes the larger of the two, never their sum.
 */
export async function turnedAwayForPeriod(db: Db, partnershipId: string, from: string, to: string): Promise<{ organisationId: string; turnedAway: number }[]> {
  const { rows } = await sql<{ organisation_id: string; turned_away: string }>`
    with board as (
      select a.organisation_id, n.night, sum(n.turned_away) as t
      from shelter_nights n join activities a on a.id = n.activity_id
      where n.partnership_id = ${partnershipId} and n.night between ${from}::date and ${to}::date
      group by a.organisation_id, n.night
    ), followup as (
      select r.organisation_id, c.night, sum(coalesce(r.turned_away, 0)) as t
      from cold_night_responses r join cold_night_alerts c on c.id = r.alert_id
      where c.partnership_id = ${partnershipId} and c.night between ${from}::date and ${to}::date
      group by r.organisation_id, c.night
    )
    select coalesce(b.organisation_id, f.organisation_id) as organisation_id, sum(greatest(coalesce(b.t, 0), coalesce(f.t, 0))) as turned_away
    from board b full join followup f on f.organisation_id = b.organisation_id and f.night = b.night
    group by 1`.execute(db);
  return rows.map((r) => ({ organisationId: r.organisation_id, turnedAway: Number(r.turned_away) }));
}
