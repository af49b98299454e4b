import { z } from "zod";
import { defineReminder, type ReminderHandler } from "../app/feature.ts";
import type { Block, Button, Live, Message } from "../chat/index.ts";
import { defineRenderer, type Audience, type OutboxRenderer } from "../outbox/index.ts";
import { createFormatters } from "../shared/i18n.ts";
import { callMeeting } from "./call-meeting.ts";
import { addVote, clearVotes, closePoll, insertPoll, loadPoll, pollOfRequest, type DatePoll, type PollOption } from "./date-poll.repository.ts";
import { recordToGroup } from "./group.notices.ts";
import { findMeeting } from "./meeting.repository.ts";
import { getGroup, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { translatorFor } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";

const POLL_RENDERER = "meetings.poll";
const ORGANISER_RENDERER = "meetings.poll-organiser";
/** The reminder that chooses the most-voted time when the organiser has not chosen by the deadline. */
export const POLL_DEADLINE = "meeting.poll-deadline";
const pollPayload = z.object({ pollId: z.uuid() });

/** Every member's copy of a poll (channel and direct) is one card; the organiser's choosing card is another. */
const pollCard = (pollId: string) => `poll:${pollId}:card`;
const organiserCard = (pollId: string) => `poll:${pollId}:organiser`;
const livePoll = (pollId: string): Live => ({ render: POLL_RENDERER, payload: { pollId } });
const liveOrganiser = (pollId: string): Live => ({ render: ORGANISER_RENDERER, payload: { pollId } });

/** What the organiser proposes. */
export interface PollInput {
  times: Date[];
  durationMinutes: number;
  location: string | null;
  reason: string | null;
  deadlineAt: Date;
}

/**
 * Starts a date poll as one unit of work: the poll and its times, a card for the group's channel and each member
 * to say which times suit them, a card for the organiser to choose one, and the deadline's reminder.
 */
export async function startPoll(deps: MeetingsDeps, group: MeetingGroup, organiserId: string, input: PollInput, request?: string): Promise<string> {
  return inTransaction(deps, async (tx) => {
    // The same request handled again (after a crash) finds its poll: nothing is sent twice.
    const earlier = request === undefined ? undefined : await pollOfRequest(tx.db, request);
    if (earlier !== undefined) return earlier;
    const pollId = await insertPoll(
      tx.db,
      {
        partnershipId: group.partnershipId,
        groupId: group.id,
        organiserId,
        location: input.location,
        reason: input.reason,
        durationMinutes: input.durationMinutes,
        deadlineAt: input.deadlineAt,
      },
      input.times,
      request,
    );
    const seats = await listSeats(tx.db, group.id);
    await recordToGroup(
      tx,
      group,
      seats.map((s) => s.memberId),
      livePoll(pollId),
      { key: pollCard(pollId), card: pollCard(pollId) },
    );
    await tx.notifier.toMember(organiserId, liveOrganiser(pollId), { key: organiserCard(pollId), card: organiserCard(pollId) });
    await tx.reminders.schedule({
      key: `poll:${pollId}:deadline`,
      kind: POLL_DEADLINE,
      partnershipId: group.partnershipId,
      dueAt: input.deadlineAt,
      payload: { pollId },
    });
    return pollId;
  });
}

/** What a vote did: the time now suits the member (or all their answers were taken back), or why nothing changed. */
export type VoteOutcome = { ok: true; option?: PollOption; group: MeetingGroup } | { ok: false; reason: "gone" | "closed" | "notInGroup" };

/**
 * Says an option suits a member of the group (`optionId`), or takes back all their answers (`"clear"`); every
 * copy of the cards is redrawn. Either is safe to repeat.
 */
export async function voteInPoll(deps: MeetingsDeps, pollId: string, vote: { optionId: string } | "clear", memberId: string): Promise<VoteOutcome> {
  return inTransaction(deps, async (tx) => {
    const poll = await loadPoll(tx.db, pollId, { lock: true });
    const option = vote === "clear" ? undefined : poll?.options.find((o) => o.id === vote.optionId);
    if (poll === undefined || (vote !== "clear" && option === undefined)) return { ok: false, reason: "gone" };
    if (poll.status !== "open") return { ok: false, reason: "closed" };
    const group = await getGroup(tx.db, poll.groupId);
    if (!(await listSeats(tx.db, group.id)).some((s) => s.memberId === memberId)) return { ok: false, reason: "notInGroup" };
    if (option === undefined) await clearVotes(tx.db, poll.id, memberId);
    else await addVote(tx.db, option.id, memberId, tx.clock.now());
    await refreshPollCards(tx, poll);
    return { ok: true, group, ...(option === undefined ? {} : { option }) };
  });
}

/** What deciding did. */
export type DecideOutcome =
  | { ok: true; meetingId: string; startsAt: Date; invitedNow: boolean; inviteAt: Date; group: MeetingGroup }
  | { ok: false; reason: "gone" | "closed" | "past" | "noVotes" };

/**
 * Turns the chosen time (or, at the deadline, the most-voted one still ahead, the earliest on a tie) into a meeting
 * with its invitation and reminders, and closes the poll; one unit of work. A poll nobody answered is cancelled at
 * its deadline and the organiser told.
 */
export async function decidePoll(deps: MeetingsDeps, pollId: string, choice: { optionId: string; by: string } | "most-voted"): Promise<DecideOutcome> {
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const poll = await loadPoll(tx.db, pollId, { lock: true });
    if (poll === undefined) return { ok: false, reason: "gone" };
    if (poll.status !== "open") return { ok: false, reason: "closed" };
    const ahead = poll.options.filter((o) => o.startsAt > now);
    const option = choice === "most-voted" ? mostVoted(ahead) : poll.options.find((o) => o.id === choice.optionId);
    if (option === undefined && choice === "most-voted") {
      await closePoll(tx.db, poll.id, { status: "cancelled" }, now);
      await refreshPollCards(tx, poll);
      return { ok: false, reason: "noVotes" };
    }
    if (option === undefined) return { ok: false, reason: "gone" };
    if (option.startsAt <= now) return { ok: false, reason: "past" };
    const group = await getGroup(tx.db, poll.groupId);
    const calledBy = choice === "most-voted" ? poll.organiserId : choice.by;
    const called = await callMeeting(tx, group, {
      startsAt: option.startsAt,
      durationMinutes: poll.durationMinutes,
      location: poll.location,
      reason: poll.reason,
      origin: "poll",
      calledBy,
    });
    await closePoll(tx.db, poll.id, { status: "decided", meetingId: called.meeting.id }, now);
    await tx.reminders.cancel(`poll:${poll.id}:deadline`);
    await refreshPollCards(tx, poll);
    return { ok: true, meetingId: called.meeting.id, startsAt: option.startsAt, invitedNow: called.invitedNow, inviteAt: called.inviteAt, group };
  });
}

// Most votes wins; a tie goes to the earliest time; a poll without a single vote has no winner.
function mostVoted(options: readonly PollOption[]): PollOption | undefined {
  const best = [...options].sort((a, b) => b.voters.length - a.voters.length || a.startsAt.getTime() - b.startsAt.getTime())[0];
  return best === undefined || best.voters.length === 0 ? undefined : best;
}

async function refreshPollCards(tx: MeetingsDeps, poll: DatePoll): Promise<void> {
  await tx.notifier.refreshCard(pollCard(poll.id), poll.partnershipId);
  await tx.notifier.refreshCard(organiserCard(poll.id), poll.partnershipId);
}

/** The deadline's reminder: the most-voted time becomes the meeting, unless the organiser chose already. */
export function createPollDeadlineHandler(deps: MeetingsDeps): ReminderHandler {
  return defineReminder({
    kind: POLL_DEADLINE,
    payload: pollPayload,
    run: async (_reminder, { pollId }) => {
      const outcome = await decidePoll(deps, pollId, "most-voted");
      deps.logger.info({ pollId, outcome: outcome.ok ? "decided" : outcome.reason }, "date poll reached its deadline");
    },
  });
}

/** The cards of a poll, drawn from the rows each time they are sent or refreshed. */
export function createPollRenderers(deps: MeetingsDeps): OutboxRenderer[] {
  const load = async (pollId: string) => {
    const poll = await loadPoll(deps.db, pollId);
    if (poll === undefined) return undefined;
    const meeting = poll.meetingId === null ? undefined : await findMeeting(deps.db, poll.meetingId);
    const names = new Map((await listSeats(deps.db, poll.groupId)).map((s) => [s.memberId, s.displayName]));
    return { poll, group: await getGroup(deps.db, poll.groupId), names, meetingStart: meeting?.startsAt };
  };
  // The same poll drawn for the group (to vote) and for its organiser (to choose).
  const views = [
    [POLL_RENDERER, "member"],
    [ORGANISER_RENDERER, "organiser"],
  ] as const;
  return views.map(([name, view]) =>
    defineRenderer({
      name,
      payload: pollPayload,
      render: async ({ pollId }, audience) => {
        const loaded = await load(pollId);
        return loaded === undefined ? undefined : composePoll(loaded.poll, loaded.group, loaded.names, loaded.meetingStart, audience, view);
      },
    }),
  );
}

/** How an option reads on a card and its button: `1. tisdag 2027-01-19 kl. 13.00`. */
export function optionLabel(option: Pick<PollOption, "position" | "startsAt">, audience: Audience): string {
  const f = createFormatters(audience.locale, audience.timeZone);
  return `${option.position}. ${f.weekday(option.startsAt)} ${f.dateTime(option.startsAt)}`;
}

function composePoll(
  poll: DatePoll,
  group: MeetingGroup,
  names: Map<string, string>,
  meetingStart: Date | undefined,
  audience: Audience,
  view: "member" | "organiser",
): Message {
  const t = translatorFor(audience);
  const open = poll.status === "open";
  const title =
    poll.status === "decided"
      ? t("poll.decided.title", { group: group.name })
      : poll.status === "cancelled"
        ? t("poll.cancelled.title", { group: group.name })
        : t(view === "member" ? "poll.title" : "poll.organiser.title", { group: group.name });
  const lines = poll.options.map((o) =>
    t("poll.option", { option: optionLabel(o, audience), count: o.voters.length, names: o.voters.map((v) => names.get(v) ?? "?").join(", ") }),
  );
  const blocks: Block[] = [
    { type: "heading", text: title },
    ...(poll.reason === null ? [] : [{ type: "text" as const, text: t("invite.pollReason", { reason: poll.reason }) }]),
    ...(poll.location === null ? [] : [{ type: "text" as const, text: t("poll.location", { location: poll.location }) }]),
    ...(open ? [{ type: "text" as const, text: t(view === "member" ? "poll.body" : "poll.organiser.body", { deadline: poll.deadlineAt }) }] : []),
    { type: "list", items: lines },
  ];
  if (open) {
    const actionId = view === "member" ? "meeting.poll.vote" : "meeting.poll.choose";
    const buttons: Button[] = poll.options.map((o) => ({
      actionId,
      label: optionLabel(o, audience),
      value: o.id,
      ...(view === "organiser" ? { style: "primary" as const } : {}),
    }));
    // Answers are added one click at a time, so a click handled twice counts once; this takes them all back.
    if (view === "member") buttons.push({ actionId: "meeting.poll.clear", label: t("button.clearAnswers"), value: poll.id });
    blocks.push({ type: "buttons", buttons });
  } else if (meetingStart !== undefined) {
    blocks.push({ type: "text", text: t("poll.decided.body", { at: meetingStart }) });
  }
  return { text: title, blocks };
}
