/**
 * A report in chat, on a day when none is open yet: Alex starts the next one early, gets a bad answer refused with
 * its reason, pauses, resumes where they left off, answers the rest and submits. Then Alex opens the same report as
 * one form, changes two answers, one of them with a name in it: the card comes back with the warning and with both
 * changes as typed, not with the stored answers.
 */
import { DateTime } from "luxon";
import { describe, expect } from "vitest";
import { journey } from "./harness/journey.ts";

const QUESTION = /Fråga (\d+) av (\d+)/;

/** What a person would answer to the question in `text`, by the kind of answer its hint asks for. */
function answerTo(text: string): string {
  if (text.includes("Förifyllt")) return "ok";
  if (text.includes("Svara ja eller nej")) return "nej";
  if (text.includes("Svara med ett eller flera nummer") || text.includes("Svara med numret")) return "1";
  if (text.includes("Svara med ett datum")) return DateTime.now().setZone("Europe/Stockholm").toISODate()!;
  if (/Högst [\d\s]+ tecken/.test(text)) return "Inget särskilt att rapportera.";
  // Zero keeps every sum check true (women + men + other = unique visitors) without knowing the form's arithmetic.
  return "0";
}

describe("a report", () => {
  journey(
    "Alex starts the next report before it opens, a bad answer is refused, paused, resumed and submitted",
    async (pg) => {
      await pg.open("Personal Chat");
      const offer = await pg.answer("rapport");
      // On a day with nothing open the answer names the next report, when it opens and its deadline, and offers to start now.
      expect(offer).toMatch(/Nästa är .+: den öppnar .+ och ska vara inne senast/);
      const start = pg.page
        .locator(".ac-adaptiveCard")
        .last()
        .getByRole("button", { name: /Börja|Starta|Svara i chatten/ });
      await start.first().click();
      const first = await pg.card(QUESTION);
      const opening = await first.innerText();
      // The conversation opens by saying which form, which period, the deadline and how many questions.
      expect(opening).toMatch(/Sista dag/i);
      expect(opening).toMatch(/Fråga 1 av \d+/);

      let text = opening;
      let refused = false;
      let paused = false;
      for (let turn = 0; turn < 40; turn++) {
        if (text.includes("Sammanfattning")) break;
        const reply = answerTo(text);
        if (!refused && reply === "0") {
          // A number question: a word where a number belongs is refused with its reason, and the question stays.
          const refusal = await pg.answer("tjugo");
          expect(refusal).toContain("Det svaret gick inte att spara");
          refused = true;
          const asked = QUESTION.exec(text)?.[1];
          expect(await pg.answer("paus")).toContain("Pausat. Allt du svarat är sparat.");
          paused = true;
          text = await pg.answer("fortsätt");
          expect(QUESTION.exec(text)?.[1]).toBe(asked);
          continue;
        }
        text = await pg.answer(reply);
      }
      expect(refused && paused).toBe(true);
      const summary = await pg.card("Sammanfattning");
      await summary.getByRole("button", { name: "Skicka in" }).click();
      // Started before it opens: kept and sent in at opening, and the person is told when.
      await pg.card(/är klar och sparad\. Den skickas in när rapporten öppnar/);

      await pg.say("rapport formulär");
      const form = await pg.card("Skriv inga namn eller personnummer");
      await form.getByLabel(/Hur många volontärtimmar/).fill("12");
      await form.getByLabel(/Iakttagelser och kommentarer/).fill("Eva Berg ringer om lokalen.");
      await form.getByRole("button", { name: "Skicka in" }).click();
      const warned = await pg.card("ett namn (Eva Berg)");
      expect(await warned.getByLabel(/Hur många volontärtimmar/).inputValue()).toBe("12");
      expect(await warned.getByLabel(/Iakttagelser och kommentarer/).inputValue()).toBe("Eva Berg ringer om lokalen.");
    },
    240_000,
  );
});
