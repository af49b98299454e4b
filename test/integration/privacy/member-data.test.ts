/**
 * Audit and data rights (issue 13, item 8): `samverka member export` gives everything Samverka keeps about a member;
 * `samverka member erase` erases them while keeping every count and record, their name replaced by their role in the
 * history and the stored messages; `logg` shows administrators who did what, and nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetSlackUsers } from "../../../adapters/slack/forget-users.ts";
import { forgetTeamsUsers } from "../../../adapters/teams/forget-users.ts";
import type { TeamsTables } from "../../../adapters/teams/index.ts";
import { createIncidentDetailsRenderer } from "../../../src/alerts/incidents/incident.card.ts";
import { countIncidentsSince } from "../../../src/alerts/index.ts";
import type { CliContext } from "../../../src/app/cli-command.ts";
import { createChatRouter } from "../../../src/chat/router.ts";
import { createMemberCommands, createPrivacyFeature } from "../../../src/privacy/index.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { messageText } from "../../helpers/recording-chat.ts";
import { recordAnswers } from "../../helpers/recording-reply.ts";
import { ALERT_CHANNELS, createAlertsWorld, type AlertsWorld } from "../alerts/alerts-world.ts";

const DESCRIPTION = "En besökare hotade personal i entrén.";
let w: AlertsWorld;
beforeAll(async () => {
  w = await createAlertsWorld({ start: "2026-12-03T22:40:00Z" });
});
afterAll(async () => {
  await w.close();
});

const [exportCommand, eraseCommand] = createMemberCommands("sv", [forgetSlackUsers, forgetTeamsUsers]);
async function cli(command: typeof exportCommand, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { db: w.t.db, clock: w.clock, logger: silentLogger, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { code: await command!.run(args, ctx), out, err };
}

async function log(person: "sara" | "mConv"): Promise<string> {
  const router = createChatRouter({
    db: w.t.db,
    chats: new Map([
      ["slack", w.chats.slack],
      ["teams", w.chats.teams],
    ]),
    features: [createPrivacyFeature({ db: w.t.db })],
    logger: silentLogger,
    defaultLocale: "sv",
  });
  const { whispers, port } = recordAnswers();
  const userId = { sara: "U_SARA", mConv: "U_MCONV" }[person];
  await router.handle({ type: "command", user: { platform: "slack", userId }, conversation: `slack:${ALERT_CHANNELS.slack}`, text: "logg" }, port);
  return whispers.map(messageText).join("\n");
}

/** The incident details card as samordning's copy is drawn now (the outbox renders it again on every refresh). */
async function drawnDetails(): Promise<string> {
  const row = await w.t.db.selectFrom("outbox").select("content").where("key", "like", "incident:%:details:%").executeTakeFirstOrThrow();
  const live = row.content as unknown as { payload: Record<string, unknown> };
  const drawn = await createIncidentDetailsRenderer(w.t.db).render(live.payload, { locale: "sv", timeZone: "Europe/Stockholm" }, { refresh: true });
  return messageText(drawn!);
}

describe("a member's data", () => {
  it("is reported by a member first: an incident whose details name the reporter", async () => {
    const { forms } = await w.act("sConv", { type: "command", conversation: `slack:${ALERT_CHANNELS.slack}`, text: "hot formulär" });
    const values = {
      date: "2026-12-03",
      time: "23.30",
      activity: w.activityIds["natt-convictus"]!,
      kind: "threat",
      severity: "minor",
      injuries: "none",
      police: "none",
      support: "no",
      description: DESCRIPTION,
    };
    const { result } = await w.act("sConv", {
      type: "form",
      conversation: `slack:${ALERT_CHANNELS.slack}`,
      formId: forms[0]!.formId,
      state: forms[0]!.state,
      values,
    });
    expect(result?.ok).toBe(true);
    // The details card names the reporter, drawn from the member row at each send: the stored message keeps only the incident id.
    const stored = await w.t.db.selectFrom("outbox").select("content").where("key", "like", "incident:%:details:%").execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain("Sam Convictus");
    expect(await drawnDetails()).toContain("Sam Convictus");
  });

  it("is exported whole, by id or by partnership/key, without the incident's description", async () => {
    const { code, out } = await cli(exportCommand, [`${w.partnershipId}/sConv`]);
    expect(code).toBe(0);
    const data = JSON.parse(out.join("\n")) as Record<string, unknown[] | Record<string, unknown>>;
    expect(data.member).toMatchObject({ name: "Sam Convictus", roles: ["shelter_staff"] });
    expect(data.identities).toEqual([{ platform: "slack", userId: "U_SCONV", position: 0 }]);
    expect(data.activities).toEqual([{ name: "Convictus natthärbärge" }]);
    expect(data.incidentsReported).toHaveLength(1);
    expect((data.auditTrail as { action: string }[]).map((a) => a.action)).toEqual(["incident.reported"]);
    expect(out.join("\n")).not.toContain(DESCRIPTION);
    expect((await cli(exportCommand, ["no-such/member"])).code).toBe(2);
  });

  it("is erased only when asked with --yes, keeping counts and records under the role instead of the name", async () => {
    const asked = await cli(eraseCommand, [w.memberIds.sConv]);
    expect(asked.code).toBe(1);
    expect(asked.err.join("\n")).toContain("Kör igen med --yes");
    expect((await w.t.db.selectFrom("members").select("display_name").where("id", "=", w.memberIds.sConv).executeTakeFirstOrThrow()).display_name).toBe(
      "Sam Convictus",
    );

    // What else is kept about them: an incident report half told in their chat (a draft), a message on its way to them,
    // and a message recorded for someone else that names them (a card's "Fullt (Sam Convictus)").
    await w.act("sConv", { type: "message", conversation: "slack:dm-U_SCONV", text: "hot", direct: true });
    expect(await w.t.db.selectFrom("form_sessions").select("id").where("member_id", "=", w.memberIds.sConv).execute()).toHaveLength(1);
    const message = (key: string, memberId: string, text: string) => ({
      key,
      partnership_id: w.partnershipId,
      kind: "message" as const,
      member_id: memberId,
      content: JSON.stringify({ text, blocks: [] }),
      locale: "sv",
      time_zone: "Europe/Stockholm",
      due_at: w.clock.now(),
      updated_at: w.clock.now(),
    });
    await w.t.db
      .insertInto("outbox")
      .values([message("erase:to-them", w.memberIds.sConv, "Påminnelse till dig"), message("erase:names-them", w.memberIds.sara, "Fullt (Sam Convictus)")])
      .execute();

    const erased = await cli(eraseCommand, [w.memberIds.sConv, "--yes"]);
    expect(erased.code).toBe(0);
    expect(erased.out[0]).toBe("Sam Convictus är raderad och heter nu Tidigare medlem (personal på härbärge) i historiken.");
    const member = await w.t.db.selectFrom("members").selectAll().where("id", "=", w.memberIds.sConv).executeTakeFirstOrThrow();
    expect(member).toMatchObject({ display_name: "Tidigare medlem (personal på härbärge)", active: false });
    expect(member.key).not.toBe("sConv");
    expect(await w.t.db.selectFrom("member_identities").select("id").where("member_id", "=", w.memberIds.sConv).execute()).toEqual([]);
    const stored = JSON.stringify(await w.t.db.selectFrom("outbox").select("content").execute());
    expect(stored).not.toContain("Sam Convictus");
    expect(stored).toContain("Fullt (Tidigare medlem (personal på härbärge))");
    expect(await w.t.db.selectFrom("outbox").select("id").where("member_id", "=", w.memberIds.sConv).execute()).toEqual([]);
    expect(await w.t.db.selectFrom("form_sessions").select("id").where("member_id", "=", w.memberIds.sConv).execute()).toEqual([]);
    expect(await drawnDetails()).toContain("Tidigare medlem (personal på härbärge)");
    expect(await drawnDetails()).not.toContain("Sam Convictus");
    // The records stay: the incident counts, and the audit trail keeps the (now anonymous) actor.
    expect(await countIncidentsSince(w.t.db, w.partnershipId, new Date("2026-12-01T00:00:00Z"))).toBe(1);
    const trail = await w.t.db.selectFrom("audit_events").select(["action", "actor_member_id"]).orderBy("at").execute();
    expect(trail.map((e) => e.action)).toEqual(["incident.reported", "member.exported", "member.erased"]);
    expect(trail[0]!.actor_member_id).toBe(w.memberIds.sConv);
  });

  it("forgets what the Teams adapter kept about an erased Teams member", async () => {
    const teams = w.t.db.withTables<TeamsTables>();
    await teams.insertInto("teams_users").values({ aad_object_id: "29:sfa", user_id: "29:sfa", tenant_id: null, updated_at: new Date() }).execute();
    await teams
      .insertInto("teams_conversations")
      .values({
        conversation_id: "a:sfa",
        conversation_type: "personal",
        service_url: "http://127.0.0.1:9/",
        tenant_id: null,
        bot_id: "28:bot",
        team_id: null,
        user_id: "29:sfa",
        aad_object_id: null,
        updated_at: new Date(),
      })
      .execute();
    const erased = await cli(eraseCommand, [w.memberIds.sFa, "--yes"]);
    expect(erased.out).toContain("  platformRecordsDeleted: 2");
    expect(await teams.selectFrom("teams_conversations").select("conversation_id").execute()).toEqual([]);
  });

  it("shows administrators the audit trail in chat, privately, and nobody else", async () => {
    expect(await log("mConv")).toBe(
      "Du har inte behörighet till det här. Fråga partnerskapets samordning om du behöver det.\nDu har inte behörighet till det här. Fråga partnerskapets samordning om du behöver det.",
    );
    await w.t.db
      .updateTable("members")
      .set({ roles: ["samordning", "admin"] })
      .where("id", "=", w.memberIds.sara)
      .execute();
    const trail = await log("sara");
    expect(trail).toContain("Logg: vem gjorde vad");
    expect(trail).toContain("2026-12-03 kl. 23.40 · Tidigare medlem (personal på härbärge) rapporterade hot och våld");
    expect(trail).toContain("Samverka raderade en medlems uppgifter");
    expect(trail).not.toContain(DESCRIPTION);
  });
});
