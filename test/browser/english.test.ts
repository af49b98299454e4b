/**
 * English: someone Samverka does not know yet who writes `help` is answered in English, and a member who chooses
 * English with `language en` gets their answers in English from then on, even to a Swedish word (Karin Lindqvist
 * of EU-teamet, acting with the Playground's custom activity).
 */
import { describe } from "vitest";
import { journey } from "./harness/journey.ts";
import { playgroundUser } from "./harness/playground-page.ts";

describe("English", () => {
  journey("help in English for a newcomer, and English answers for a member who chose English", async (pg) => {
    await pg.open("Personal Chat");
    const stranger = { id: "29:fake-english-visitor", name: "Visiting Colleague", aadObjectId: "00000000-0000-0000-0000-0000000000099" };
    await pg.actAs(stranger, { type: "message", text: "help" });
    // Not a member: told, in the language they wrote in, that they are not in a partnership yet (and whom to ask).
    await pg.card("You are not a member of any partnership in Samverka yet.");

    const karin = playgroundUser("Karin Lindqvist");
    await pg.actAs(karin, { type: "message", text: "language en" });
    await pg.actAs(karin, { type: "message", text: "status" });
    await pg.card("Your status in Samverka");
    await pg.actAs(karin, { type: "message", text: "hjälp" });
    await pg.card("Samverka – what I can do");
  });
});
