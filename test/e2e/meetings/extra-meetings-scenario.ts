/**
 * Meetings outside the plan, against the REAL server over HTTP (one file per platform): the chair calls an extra
 * meeting from a form and the group is invited with a calendar file; then she proposes two times, members say
 * which suit them with buttons on their own copies, she chooses one, and the chosen time becomes a meeting with
 * its invitation.
 */
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/shared/clock.ts";
import { sentMarks } from "../../helpers/sent-marks.ts";
import type { TestDatabase } from "../../helpers/test-database.ts";
import { createStyrgruppDatabase, directWaits, type MeetingsPlatform, type RunningServer } from "./meetings-scenario.ts";

export function describeExtraMeetingsStory(name: string, platform: MeetingsPlatform): void {
  describe(`extra meetings and date polls end to end on ${name}`, () => {
    let db: TestDatabase;
    let server: RunningServer;
    const clock = createManualClock("2026-09-20T07:00:00Z");
    const { anna, bo, cecilia } = platform.users;

    const marks = sentMarks(() => server.driver);
    const { snapshot, after } = marks;
    const directTo = directWaits(platform, marks);
    const inChannel = (text: string, mark: Set<string>) => after(mark, (i) => i.conversation.includes(platform.channel) && i.text.includes(text));
    const events = async () =>
      (await server.calendarFiles()).map(
        (f) => new ICAL.Event(new ICAL.Component(ICAL.parse(f.toString("utf8")) as unknown[]).getFirstSubcomponent("vevent")!),
      );

    beforeAll(async () => {
      const seeded = await createStyrgruppDatabase(platform);
      db = seeded.db;
      server = await platform.start(db.url, clock);
    });
    afterAll(async () => {
      await server?.close();
      await db?.drop();
    });

    it("calls an extra meeting from the form: the group is invited at once, with the place and a calendar file", async () => {
      const mark = snapshot();
      await server.driver.command(anna, "nytt möte");
      const form = await after(mark, (i) => i.kind === "form");
      // Anna calls the meetings of one group: the form carries it and does not ask which.
      const errors = await server.driver.submitForm(anna, form, {
        date: "2026-09-29",
        time: "15:00",
        duration: "60",
        location: "Socialförvaltningen, sal 3",
        reason: "Vinterns extra platser",
      });
      expect(errors).toBeUndefined();
      const posted = await inChannel("Kallelse: Styrgruppen tisdag 2026-09-29 kl. 15.00", mark);
      expect(posted.text).toContain("Socialförvaltningen, sal 3");
      expect(posted.text).toContain("Extra möte: Vinterns extra platser");
      await directTo(bo, "Kallelse: Styrgruppen tisdag 2026-09-29", mark);
      const extra = await db.db.selectFrom("meetings").select(["id", "status", "origin"]).where("origin", "=", "extra").executeTakeFirstOrThrow();
      expect(extra.status).toBe("invited");
      await expect.poll(async () => (await events()).filter((e) => e.uid === `meeting-${extra.id}@samverka`).length, { timeout: 15_000 }).toBeGreaterThan(0);
      const event = (await events()).find((e) => e.uid === `meeting-${extra.id}@samverka`)!;
      expect(event.location).toBe("Socialförvaltningen, sal 3");
      expect(event.attendees.map((a) => String(a.getFirstValue()))).toContain("mailto:anna.ordforande@stockholm.se");
    });

    it("runs a date poll: members answer with buttons on their own copies, and the chosen time becomes a meeting with its invitation", async () => {
      let mark = snapshot();
      await server.driver.command(anna, "möte förslag");
      const form = await after(mark, (i) => i.kind === "form");
      const errors = await server.driver.submitForm(anna, form, {
        date1: "2026-10-01",
        time1: "10:00",
        date2: "2026-10-02",
        time2: "09:30",
        date3: "",
        time3: "",
        date4: "",
        time4: "",
        date5: "",
        time5: "",
        deadline: "2026-09-24",
        duration: "90",
        location: "",
        reason: "Ny samordnare presenteras",
      });
      expect(errors).toBeUndefined();
      const boCopy = await directTo(bo, "Vilken tid passar? Styrgruppen", mark);
      const ceciliaCopy = await directTo(cecilia, "Which time suits you? Styrgruppen", mark);
      const organiser = await directTo(anna, "Välj mötestid: Styrgruppen", mark);
      expect(boCopy.buttons.map((b) => b.label)).toEqual(["1. torsdag 2026-10-01 kl. 10.00", "2. fredag 2026-10-02 kl. 09.30", "Ångra mina svar"]);

      mark = snapshot();
      await server.driver.click(bo, boCopy, "2. fredag 2026-10-02 kl. 09.30");
      await server.driver.click(cecilia, ceciliaCopy, ceciliaCopy.buttons[1]!.label);
      // Every copy is redrawn in place with who can come, the organiser's too.
      await after(
        mark,
        (i) =>
          i.kind === "update" &&
          i.conversation.includes(platform.channel) &&
          i.text.includes("2. fredag 2026-10-02 kl. 09.30: 2 passar (Bo Ledamot, Cecilia Sekreterare)"),
      );
      await after(mark, (i) => i.kind === "update" && platform.isDirectTo(i, anna) && i.text.includes("Välj mötestid") && i.text.includes("2 passar"));

      mark = snapshot();
      await server.driver.click(anna, organiser, "2. fredag 2026-10-02 kl. 09.30");
      const invitation = await inChannel("Kallelse: Styrgruppen fredag 2026-10-02 kl. 09.30", mark);
      expect(invitation.text).toContain("Anledning: Ny samordnare presenteras");
      await directTo(bo, "Kallelse: Styrgruppen fredag 2026-10-02 kl. 09.30", mark);
      await after(mark, (i) => i.kind === "update" && i.conversation.includes(platform.channel) && i.text.includes("Mötestiden är bestämd"));
      const chosen = await db.db.selectFrom("meetings").select(["id", "status", "starts_at"]).where("origin", "=", "poll").executeTakeFirstOrThrow();
      expect(chosen).toMatchObject({ status: "invited", starts_at: new Date("2026-10-02T07:30:00Z") });
      await expect.poll(async () => (await events()).some((e) => e.uid === `meeting-${chosen.id}@samverka`), { timeout: 15_000 }).toBe(true);
    });
  });
}
