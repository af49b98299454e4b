/**
 * The per-person rate limit (issue 13, item 7): a burst, then a steady pace; past it a person gets one friendly
 * answer in their own language (not one per message), a form submission is refused with it, and nothing reaches the
 * features. Other people, button clicks and installs are not held back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FormResult, InboundEvent, InboundHandler } from "../../../src/chat/inbound.ts";
import { withRateLimit } from "../../../src/chat/rate-limit.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { recordAnswers } from "../../helpers/recording-reply.ts";
import { insertPartnership } from "../../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await insertPartnership(db.db, { id: "rate", name: "Rate", period_end: "2027-12-31" });
  const member = await db.db
    .insertInto("members")
    .values({ partnership_id: "rate", key: "eng", display_name: "English Speaker", organisation_id: null, city_unit_id: null, locale: "en", roles: [] })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.db
    .insertInto("member_identities")
    .values({ partnership_id: "rate", member_id: member.id, platform: "slack", platform_user_id: "U0ENG", position: 0 })
    .execute();
});
afterAll(async () => {
  await db?.drop();
});

function world() {
  const clock = createManualClock("2026-12-03T12:00:00Z");
  const handled: InboundEvent[] = [];
  const inner: InboundHandler = { handle: (event) => (handled.push(event), Promise.resolve(event.type === "form" ? { ok: true } : undefined)) };
  const handler = withRateLimit(inner, { db: db.db, clock, logger: silentLogger, defaultLocale: "sv", limit: { burst: 3, refillMs: 2_000 } });
  const { whispers, port } = recordAnswers();
  const user = (userId: string) => ({ platform: "slack" as const, userId });
  const command = (userId: string): InboundEvent => ({ type: "command", user: user(userId), conversation: "slack:C1", text: "status" });
  return { clock, handled, whispers, send: (event: InboundEvent) => handler.handle(event, port), command, user };
}

describe("one person sending faster than a person does", () => {
  it("lets a burst through, then answers once in the person's language and passes nothing on", async () => {
    const w = world();
    for (let i = 0; i < 10; i++) await w.send(w.command("U0ENG"));
    expect(w.handled).toHaveLength(3);
    expect(w.whispers.map((m) => m.text)).toEqual([expect.stringContaining("You sent many commands in a short time")]);
  });

  it("answers someone who is not a member in the default language, and refuses a form submission with the reason", async () => {
    const w = world();
    for (let i = 0; i < 4; i++) await w.send(w.command("U0STRANGER"));
    expect(w.whispers[0]?.text).toContain("Du har skickat många kommandon på kort tid");
    const result = (await w.send({ type: "form", user: w.user("U0STRANGER"), conversation: "slack:C1", formId: "x", state: "", values: {} })) as FormResult;
    expect(result.ok ? undefined : result.errors[""]).toContain("Försök igen om en halv minut");
    expect(w.handled).toHaveLength(3);
  });

  it("lets the person go on at the steady pace, and never holds back others, clicks or installs", async () => {
    const w = world();
    for (let i = 0; i < 5; i++) await w.send(w.command("U0A"));
    expect(w.handled).toHaveLength(3);
    w.clock.advance(2_000);
    await w.send(w.command("U0A"));
    expect(w.handled).toHaveLength(4);
    await w.send(w.command("U0B"));
    await w.send({ type: "action", user: w.user("U0A"), conversation: "slack:C1", actionId: "x.y", value: "1" });
    await w.send({ type: "installed", conversation: "slack:C1", direct: false });
    expect(w.handled.map((e) => e.type)).toEqual(["command", "command", "command", "command", "command", "action", "installed"]);
  });
});
