/** A newcomer's first minutes in Personal Chat: what Samverka can do, and who it thinks they are. */
import { describe, expect } from "vitest";
import { journey } from "./harness/journey.ts";

describe("Personal Chat", () => {
  journey("hjälp shows the commands and status shows Alex's partnership, role, organisation and group", async (pg) => {
    await pg.open("Personal Chat");
    const helpBefore = await pg.count("Samverka – det här kan jag");
    await pg.say("hjälp");
    const help = await (await pg.another("Samverka – det här kan jag", helpBefore)).innerText();
    for (const command of ["status", "möten", "agenda", "kallnatt", "platser", "hot", "rapport"]) expect(help).toContain(command);

    await pg.say("status");
    const status = await (await pg.card("Din status i Samverka")).innerText();
    expect(status).toContain("IOP Utsatta EU-medborgare");
    expect(status).toContain("samordningsfunktionen");
    expect(status).toContain("Ny Gemenskap");
    expect(status).toContain("Samverkansgrupp");
  });

  journey("the help tells a Teams user that a group chat or channel needs @Samverka", async (pg) => {
    await pg.open("Personal Chat");
    const before = await pg.count("Samverka – det här kan jag");
    await pg.say("hjälp");
    expect(await (await pg.another("Samverka – det här kan jag", before)).innerText()).toContain("@Samverka");
  });
});
