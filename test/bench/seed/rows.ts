/**
 * Rows no admin command creates in bulk, written straight into a bench database before Samverka starts: the
 * durable records the product itself writes (README: "every reminder is a row in `reminders`"; reports opened by
 * the daily cycle). Samverka picks them up the way it would after a restart. Only this file knows these columns.
 */
import type pg from "pg";

/**
 * `count` open action items of one held meeting, owned in turn by the partnership's members, each with its due
 * reminder (kind `action-item.due`, the product's own) pending at `dueAt`. Each one, when it runs, sends its owner
 * one direct message.
 */
export async function seedDueActionItems(client: pg.Client, partnershipId: string, count: number, dueAt: Date): Promise<void> {
  const group = await client.query<{ id: string }>("select id from groups where partnership_id = $1 order by key limit 1", [partnershipId]);
  const groupId = group.rows[0]!.id;
  const meeting = await client.query<{ id: string }>(
    `insert into meetings (partnership_id, group_id, status, starts_at, ends_at, planned_starts_at)
     values ($1, $2, 'held', now() - interval '7 days', now() - interval '7 days' + interval '90 minutes', now() - interval '7 days')
     returning id`,
    [partnershipId, groupId],
  );
  const meetingId = meeting.rows[0]!.id;
  await client.query(
    `with owners as (select id, row_number() over (order by key) - 1 as n, count(*) over () as total from members where partnership_id = $1)
     insert into action_items (partnership_id, group_id, meeting_id, text, owner_member_id, due_date)
     select $1, $2, $3, 'Åtgärd ' || i, o.id, (now() at time zone 'Europe/Stockholm')::date
     from generate_series(1, $4::int) as i join owners o on o.n = (i - 1) % o.total`,
    [partnershipId, groupId, meetingId, count],
  );
  await client.query(
    `insert into reminders (key, kind, partnership_id, due_at, payload, updated_at)
     select 'action-item:' || a.id || ':due', 'action-item.due', $1, $2, jsonb_build_object('actionItemId', a.id), now()
     from action_items a where a.meeting_id = $3`,
    [partnershipId, dueAt, meetingId],
  );
}

/**
 * The half-year follow-up (`uppfoljning`) open now for every organisation of the partnership, as the daily report
 * cycle opens it, so `rapport` starts the conversation at once.
 */
export async function seedOpenReports(client: pg.Client, partnershipId: string): Promise<void> {
  await client.query(
    `insert into reports (partnership_id, organisation_id, form, period, period_start, period_end, opens_at, deadline_at)
     select $1, o.id, 'uppfoljning', '2026H2', '2026-07-01', '2026-12-31', now() - interval '1 day', now() + interval '60 days'
     from organisations o where o.partnership_id = $1`,
    [partnershipId],
  );
}
