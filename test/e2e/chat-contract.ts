/**
 * Platform-neutral chat scenarios every adapter must pass, run against the REAL server over HTTP.
 *
 * Usage (one file per platform, e.g. test/e2e/slack/contract.test.ts):
 *
 *   describeChatContract("Slack", async () => {
 *     const db = await createTestDatabase();
 *     const users = { member: { userId: "U0MEMBER" }, admin: { userId: "U0ADMIN" }, twoPartnerships: { userId: "U0TWO" }, stranger: { userId: "U0STRANGER" } };
 *     await seedContractData(db.db, "slack", users, "C0CONTRACT");
 *     // start the REAL server (startApp) against db.url and the platform fake, with
 *     // `features: [contractFormFeature]` in its StartOptions, and make the PlatformDriver
 *     return { driver, users, channel: "C0CONTRACT", close: async () => { await driver.close(); await db.drop(); } };
 *   });
 *
 * The world is made once per file (beforeAll) and each scenario starts with `driver.clear()`.
 */
import type { Kysely } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Feature } from "../../src/app/feature.ts";
import type { Platform } from "../../src/chat/chat-port.ts";
import type { Database } from "../../src/db/database.ts";
import type { PlatformDriver, SentItem, TestUser } from "../helpers/platform-driver.ts";
import { insertPartnership } from "../helpers/seed.ts";

/** The people of the contract partnerships, as the platform knows them. */
export interface ContractUsers {
  /** Member of Alfa only. */
  member: TestUser;
  /** Admin of Alfa (named in the "ask …" message to outsiders). */
  admin: TestUser;
  /** Member of Alfa and Beta: must choose a partnership with a button. */
  twoPartnerships: TestUser;
  /** Known to nobody. */
  stranger: TestUser;
}

/** A running server with the contract data, driven through one platform. */
export interface ContractWorld {
  driver: PlatformDriver;
  users: ContractUsers;
  /** The platform channel id mapped to Alfa (Slack `C…`, Teams `19:…`). */
  channel: string;
  /** The words a person sees in bold in a sent item, read from its raw payload as that platform's client renders it. */
  boldIn(item: SentItem): string[];
  close(): Promise<void>;
}

/** Names the scenarios expect in the bot's answers. */
export const CONTRACT = {
  alfa: { id: "contract-alfa", name: "Alfa nattpartnerskap" },
  beta: { id: "contract-beta", name: "Beta ungdomspartnerskap" },
  adminName: "Ada Admin",
  memberName: "Maja Medlem",
} as const;

/** Inserts two partnerships (Alfa with a channel, Beta), their members and the users' platform identities. */
export async function seedContractData(db: Kysely<Database>, platform: Platform, users: ContractUsers, channel: string): Promise<void> {
  for (const p of [CONTRACT.alfa, CONTRACT.beta]) await insertPartnership(db, { ...p, period_end: "2027-12-31" });
  const people: { partnership: string; key: string; name: string; roles: string[]; user: TestUser }[] = [
    { partnership: CONTRACT.alfa.id, key: "maja", name: CONTRACT.memberName, roles: [], user: users.member },
    { partnership: CONTRACT.alfa.id, key: "ada", name: CONTRACT.adminName, roles: ["admin"], user: users.admin },
    { partnership: CONTRACT.alfa.id, key: "tva", name: "Tove Två", roles: [], user: users.twoPartnerships },
    { partnership: CONTRACT.beta.id, key: "tva", name: "Tove Två", roles: [], user: users.twoPartnerships },
  ];
  for (const person of people) {
    const member = await db
      .insertInto("members")
      .values({
        partnership_id: person.partnership,
        key: person.key,
        display_name: person.name,
        organisation_id: null,
        city_unit_id: null,
        locale: "sv",
        roles: person.roles,
        deactivated_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("member_identities")
      .values({
        partnership_id: person.partnership,
        member_id: member.id,
        platform,
        platform_user_id: platform === "teams" ? (person.user.aadObjectId ?? person.user.userId) : person.user.userId,
        position: 0,
      })
      .execute();
  }
  await db
    .insertInto("channels")
    .values({ partnership_id: CONTRACT.alfa.id, platform, conversation: channel, purpose: "partnership", group_id: null })
    .execute();
}

/**
 * A feature the contract plugs into the real server (`startApp(config, { features: [contractFormFeature] })`):
 * `testformulär` opens a form with a required whole number of places; anything else is refused on that field.
 */
export const contractFormFeature: Feature = {
  name: "contract",
  commands: [
    {
      words: { sv: ["testformulär"], en: ["testform"] },
      help: (locale) => (locale === "sv" ? "**testformulär** – öppnar kontraktets testformulär" : "**testform** – opens the contract's test form"),
      run: ({ reply }) =>
        reply.openForm({
          formId: "contract.places",
          title: "Extra platser",
          submitLabel: "Skicka",
          state: "contract-state",
          fields: [
            { id: "places", label: "Antal platser", kind: "number", required: true },
            { id: "note", label: "Kommentar", kind: "text", required: false },
          ],
        }),
    },
  ],
  forms: [
    {
      prefix: "contract.",
      submit: ({ event }) => {
        const places = event.values.places;
        const valid = typeof places === "string" && /^\d{1,3}$/.test(places);
        return Promise.resolve(valid ? { ok: true } : { ok: false, errors: { places: "Skriv ett heltal mellan 0 och 999." } });
      },
    },
  ],
};

const textOf = (item: SentItem) => item.text;

/** Registers the contract scenarios for one platform. */
export function describeChatContract(name: string, makeWorld: () => Promise<ContractWorld>): void {
  describe(`chat contract: ${name}`, () => {
    let world: ContractWorld;
    beforeAll(async () => {
      world = await makeWorld();
    });
    afterAll(async () => {
      await world?.close();
    });
    beforeEach(() => world.driver.clear());

    it("answers hjälp with the help message", async () => {
      await world.driver.command(world.users.member, "hjälp");
      const help = await world.driver.waitFor((i) => textOf(i).includes("Samverka – det här kan jag"));
      expect(help.text).toContain("status");
      // The help is built from the registered commands: the contract's own feature is on it, with its English word.
      expect(help.text).toContain("öppnar kontraktets testformulär");
      expect(help.text).toMatch(/Engelska ord fungerar också \(help, status, .*testform\)/);
      // How to reach Samverka where it is not the direct chat, said the platform's way.
      expect(help.text).toMatch(
        world.driver.platform === "teams" ? /I en gruppchatt eller kanal börjar du med \W*@Samverka/ : /Skriv \W*\/samverka\W* och ett kommando/,
      );
    });

    it("answers text it does not understand with 'Jag förstod inte' and the nearest commands, not the help card", async () => {
      await world.driver.command(world.users.member, "testformular nu");
      const nearMiss = await world.driver.waitFor((i) => textOf(i).includes("Jag förstod inte det du skrev."));
      // Whatever emphasis each platform renders around the word.
      expect(nearMiss.text).toMatch(/Menade du \W*testformulär\W*\?/);
      expect(nearMiss.text).not.toContain("Samverka – det här kan jag");
      world.driver.clear();
      await world.driver.command(world.users.member, `${"å".repeat(5000)}`);
      const garbage = await world.driver.waitFor((i) => textOf(i).includes("Jag förstod inte det du skrev."));
      expect(garbage.text).toContain("Det här ligger närmast:");
      expect(garbage.text).not.toContain("Menade du");
      expect(garbage.text).not.toContain("ååååå");
    });

    it("shows the help's command words in bold, as the platform renders bold", async () => {
      await world.driver.command(world.users.member, "hjälp");
      const help = await world.driver.waitFor((i) => textOf(i).includes("Samverka – det här kan jag"));
      expect(world.boldIn(help)).toEqual(expect.arrayContaining(["hjälp", "status", "möten", "rapport status"]));
    });

    it("answers someone not yet known in the language of their command: English for help", async () => {
      await world.driver.command(world.users.stranger, "help", { conversation: world.channel });
      const answer = await world.driver.waitFor((i) => textOf(i).includes("not a member of any partnership"));
      expect(answer.text).toContain(`Ask ${CONTRACT.adminName} to add you`);
      expect(answer.text).not.toContain("inte med i något partnerskap");
    });

    it("shows a member their partnership and organisation on status", async () => {
      await world.driver.command(world.users.member, "status");
      const status = await world.driver.waitFor((i) => textOf(i).includes("Din status i Samverka"));
      expect(status.text).toContain(CONTRACT.alfa.name);
      expect(status.text).not.toContain(CONTRACT.beta.name);
    });

    it("answers status asked in a shared channel to the person alone; Teams, which has no ephemeral messages, says in the channel where the answer went", async () => {
      const { driver, users, channel } = world;
      await driver.command(users.member, "status", { conversation: channel });
      const status = await driver.waitFor((i) => textOf(i).includes("Din status i Samverka"));
      // Slack: an ephemeral answer in the channel; Teams: the person's 1:1 chat.
      expect(status).toMatchObject(driver.platform === "slack" ? { kind: "private", conversation: channel } : { kind: "direct" });
      expect(status.userId).toBe(users.member.userId);
      if (driver.platform === "teams") await driver.waitFor((i) => i.conversation === channel && i.text === "Jag svarade dig i vår chatt.");
      const forEveryone = driver.sent().filter((i) => i.conversation === channel && i.kind === "post");
      expect(forEveryone.map(textOf)).toEqual(driver.platform === "teams" ? ["Jag svarade dig i vår chatt."] : []);
    });

    it("tells someone who is not a member whom to ask, naming the partnership's admin", async () => {
      await world.driver.command(world.users.stranger, "status", { conversation: world.channel });
      const answer = await world.driver.waitFor((i) => textOf(i).includes("inte med i något partnerskap"));
      expect(answer.text).toContain(CONTRACT.adminName);
      expect(answer.text).toContain(CONTRACT.alfa.name);
      expect(answer.text).not.toContain("Din status");
    });

    it("updates the message in place when a member of two partnerships picks one with a button", async () => {
      await world.driver.message(world.users.twoPartnerships, "status");
      const choice = await world.driver.waitFor((i) => i.buttons.some((b) => b.label === CONTRACT.beta.name));
      await world.driver.click(world.users.twoPartnerships, choice, CONTRACT.beta.name);
      const updated = await world.driver.waitFor((i) => i.kind === "update" && textOf(i).includes(CONTRACT.beta.name));
      expect(updated.messageId).toBe(choice.messageId);
      expect(updated.buttons).toEqual([]);
    });

    it("refuses a form with an invalid value with an error on that field, and accepts a corrected one", async () => {
      await world.driver.command(world.users.member, "testformulär");
      const opened = await world.driver.waitFor((i) => i.kind === "form");
      expect(opened.fields).toEqual(["places", "note"]);
      const errors = await world.driver.submitForm(world.users.member, opened, { places: "många", note: "kyrkan öppnar" });
      expect(errors).toEqual({ places: "Skriv ett heltal mellan 0 och 999." });
      expect(await world.driver.submitForm(world.users.member, opened, { places: "40", note: "kyrkan öppnar" })).toBeUndefined();
    });
  });
}
