/**
 * Done is done: when a shelter's report of free places is saved but the platform refuses the answer posted right
 * after, the worker is not told "det du gjorde kunde inte slutföras" (they would report again or phone around); the
 * answer reaches them as a direct message through the outbox instead. A refusal before anything was saved still
 * says nothing was done. On Slack and on Teams, against the Stockholm example.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformDriver } from "../../helpers/platform-driver.ts";
import { startExampleServer, type ExamplePerson, type ExampleServer } from "./example-server.ts";

let w: ExampleServer;
beforeAll(async () => {
  // 16.00 in Stockholm on 3 December 2026.
  w = await startExampleServer("2026-12-03T15:00:00Z");
});
afterAll(async () => {
  await w?.close();
});

const SAVED = "Det du gjorde är sparat, men svaret kunde inte visas där du var.";
const FAILED = /kunde inte slutföras|blev inte gjort/;
const UPDATED = "Platserna på";

/** How many bed reports `member` (by their key in the example file) has recorded. */
async function reportsBy(key: string): Promise<number> {
  const rows = await w.db
    .selectFrom("audit_events")
    .innerJoin("members", "members.id", "audit_events.actor_member_id")
    .select("audit_events.id")
    .where("members.key", "=", key)
    .where("audit_events.action", "=", "beds.reported")
    .execute();
  return rows.length;
}

function failedTexts(driver: PlatformDriver): string[] {
  return driver.sent().flatMap((i) => (FAILED.test(i.text) ? [i.text] : []));
}

/** The direct messages `person` got that say the answer was not shown. */
const savedNotices = (driver: PlatformDriver, person: ExamplePerson) => driver.sent().filter((i) => w.isDirectTo(person, i) && i.text.includes(SAVED));

/** A shelter's night staff on each platform, and how that platform refuses the next answer posted to them. */
const staff = [
  {
    platform: "Slack",
    person: "convictusNatt",
    key: "convictus-natt",
    driver: () => w.slack,
    refuseNextAnswer: () => w.slackFake.failNext("chat.postMessage", { error: "fatal_error" }),
  },
  {
    platform: "Teams",
    person: "stadsmissionenNatt",
    key: "stadsmissionen-natt",
    driver: () => w.teams,
    // Only a send: the board copies the report refreshes are updates, racing the answer.
    refuseNextAnswer: () => w.teams.connector.failNext(403, 1, { op: "send" }),
  },
] as const;

describe("an answer the platform refuses after the change was saved", () => {
  describe.each(staff)("$platform", ({ person, key, driver, refuseNextAnswer }) => {
    it("a typed report is saved once, the worker is not told it failed, and gets the answer as a direct message", async () => {
      w.forget();
      refuseNextAnswer();
      await driver().command(w.userOf(person), "platser 12 lediga");
      const later = await w.nextDirect(person, SAVED);
      expect(later.text).toContain(UPDATED);
      expect(await reportsBy(key)).toBe(1);
      expect(failedTexts(driver())).toEqual([]);
      expect(savedNotices(driver(), person)).toHaveLength(1);
    });

    it("a refusal before anything was saved still says nothing was done", async () => {
      w.forget();
      refuseNextAnswer();
      await driver().command(w.userOf(person), "platser många");
      await driver().waitFor((i) => FAILED.test(i.text));
      expect(
        driver()
          .sent()
          .filter((i) => i.text.includes(SAVED)),
      ).toEqual([]);
      expect(await reportsBy(key)).toBe(1);
    });
  });

  it("Teams: a report form whose answer cannot replace the form is saved once, closed with its answer, and not said to have failed", async () => {
    await w.teams.message(w.userOf("stadsmissionenNatt"), "platser");
    const board = await w.nextDirect("stadsmissionenNatt", "Sängar – natten mot");
    w.forget();
    await w.teams.click(w.userOf("stadsmissionenNatt"), board, "Rapportera platser");
    const form = await w.teams.waitFor((i) => (i.fields ?? []).includes("free"));
    w.teams.connector.failNext(403, 1, { op: "update", activityId: form.messageId! });
    expect(await w.teams.submitForm(w.userOf("stadsmissionenNatt"), form, { free: "7" })).toBeUndefined();
    // The invoke still answers with the card that replaces the form, so it cannot be sent twice.
    await w.teams.waitFor((i) => i.kind === "invoke-response" && i.text.includes(UPDATED));
    const later = await w.nextDirect("stadsmissionenNatt", SAVED);
    expect(later.text).toContain(UPDATED);
    expect(await reportsBy("stadsmissionen-natt")).toBe(2);
    expect(failedTexts(w.teams)).toEqual([]);
    expect(w.teams.banners().filter((b) => FAILED.test(b))).toEqual([]);
  });
});
