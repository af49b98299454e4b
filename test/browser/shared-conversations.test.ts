/**
 * @Samverka in a group chat and in a team channel: the person's own answers (status, their meetings) go to their
 * Personal Chat, and the shared conversation gets a short pointer, since Teams has no message only one person sees.
 */
import { describe, expect } from "vitest";
import { journey } from "./harness/journey.ts";

const POINTER = /svarade dig i vår chatt/i;

describe("a group chat and a team channel", () => {
  journey("@Samverka status in the group chat answers Alex privately, with a pointer in the group", async (pg) => {
    await pg.open("Personal Chat");
    const statusBefore = await pg.count("Din status i Samverka");
    await pg.open("Samverka test");
    const pointersBefore = await pg.count(POINTER);
    await pg.mention("status");
    await pg.another(POINTER, pointersBefore);
    expect(await pg.count("Din status i Samverka")).toBe(0);
    await pg.open("Personal Chat");
    expect(await (await pg.another("Din status i Samverka", statusBefore)).innerText()).toContain("IOP Utsatta EU-medborgare");
  });

  journey("@Samverka möten in the team's General channel lists Alex's meetings in Personal Chat, with a pointer in the channel", async (pg) => {
    await pg.open("Personal Chat");
    const listsBefore = await pg.count("Kommande möten");
    await pg.open("General");
    const pointersBefore = await pg.count(POINTER);
    await pg.mention("möten");
    await pg.another(POINTER, pointersBefore);
    await pg.open("Personal Chat");
    expect(await (await pg.another("Kommande möten", listsBefore)).innerText()).toContain("Samverkansgrupp");
  });
});
