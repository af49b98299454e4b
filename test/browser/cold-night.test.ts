/**
 * The cold night end to end, as the README tells a newcomer to try it: Alex (samordning) declares a night, the card
 * appears in the team's General channel (the alerts channel), Natt Convictus answers their prompt with 8 extra
 * places (as themselves, with the Playground's custom activity), and the tally on every copy says so. Natt
 * Frälsningsarmén answers as a shelter worker on a phone would: by writing the figure in reply, one question at a
 * time, then "Skicka in".
 */
import { DateTime } from "luxon";
import { describe, expect } from "vitest";
import { journey } from "./harness/journey.ts";
import { playgroundUser } from "./harness/playground-page.ts";
import { cardAction, formSubmit } from "./harness/cards.ts";

describe("a cold night", () => {
  journey(
    "Alex declares, the card is in the General channel, Natt Convictus opens 8 places by the form and Natt Frälsningsarmén 5 by writing it, and the tally updates",
    async (pg) => {
      // Two evenings ahead, by date: the journey must not depend on the hour it runs (00.00–06.00 "kallnatt" asks).
      const evening = DateTime.now().setZone("Europe/Stockholm").plus({ days: 2 });
      const night = `natten mot ${evening.plus({ days: 1 }).setLocale("sv").toFormat("cccc d LLLL")}`;
      await pg.open("Personal Chat");
      await pg.say(`kallnatt ${evening.toISODate()} -9`);
      const declared = await pg.card(`Extra kall natt är utlyst för ${night}`);
      expect(await declared.innerText()).toContain("Prognos −9 °C");
      expect(await declared.getByRole("button", { name: "Kvittera larmet" }).count()).toBe(1);

      await pg.open("General");
      const channelCard = await pg.card(`Extra kall natt – ${night}`);
      const before = await channelCard.innerText();
      expect(before).toContain("Inget svar än");
      expect(before).toContain("Totalt 0 extra platser");

      // Natt Convictus's prompt went to their own chat, which only the log panel shows here.
      const natt = playgroundUser("Natt Convictus");
      const prompt = await pg.sent("Kan Nattverksamhet Convictus öppna extra platser", night);
      const open = cardAction(prompt, "Öppna extra platser");
      await pg.actAs(natt, { type: "invoke", name: "adaptiveCard/action", value: { action: open, trigger: "manual" } });
      // The button opens the places form in their chat: read it from the log panel too, then send it filled in.
      const places = formSubmit(await pg.sent('"formId":"coldnight.places"', open.data.value as string), { places: "8" });
      await pg.actAs(natt, { type: "invoke", name: "adaptiveCard/action", value: { action: places, trigger: "manual" } });

      const after = await pg.card(/Totalt 8 extra platser/);
      expect(await after.innerText()).toMatch(/Convictus[\s\S]*8/);

      // Natt Frälsningsarmén writes "5" in reply to their prompt; the bot asks the rest, one question at a time.
      const fa = playgroundUser("Natt Frälsningsarmén");
      await pg.open("Personal Chat");
      await pg.actAs(fa, { type: "message", text: "5" });
      expect(JSON.stringify(await pg.sent("Fråga 2 av 2: Varav för kvinnor"))).toContain("Frälsningsarmén");
      await pg.actAs(fa, { type: "message", text: "hoppa över" });
      const summary = await pg.sent("Sammanfattning: Extra platser på", "Frälsningsarmén");
      await pg.actAs(fa, { type: "invoke", name: "adaptiveCard/action", value: { action: cardAction(summary, "Skicka in"), trigger: "manual" } });
      await pg.sent("Tack! Svaret för", "Frälsningsarmén", "är registrerat");
      await pg.open("General");
      const both = await pg.card(/Totalt 13 extra platser/);
      expect(await both.innerText()).toMatch(/Frälsningsarmén[\s\S]*5/);
      await pg.open("Personal Chat");
      expect(await (await pg.card(`Extra kall natt är utlyst för ${night}`)).innerText()).toContain("Totalt 13 extra platser");
    },
  );
});
