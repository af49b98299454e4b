/**
 * Hot och våld: Alex reports an incident in the form, a personnummer in the description is refused with the reason
 * and nothing typed is lost; without it the report is filed, the General channel hears of it, and samordning's
 * acknowledgement takes the button off the report and says who acknowledged it.
 */
import { describe, expect } from "vitest";
import { journey } from "./harness/journey.ts";

describe("an incident of threats and violence", () => {
  journey("a personnummer is refused, then the report is filed and acknowledged", async (pg) => {
    await pg.open("Personal Chat");
    await pg.say("hot formulär");
    const form = await pg.card("Rapportera en händelse med hot eller våld");
    await form.getByRole("radio", { name: "Nattverksamhet Convictus" }).check();
    await form.getByRole("radio", { name: "Hot", exact: true }).check();
    await form.getByRole("radio", { name: "Mindre allvarlig" }).check();
    await form.getByRole("radio", { name: "Nej", exact: true }).check();
    const description = form.getByRole("textbox", { name: /Kort beskrivning/ });
    // 19121212-1212 is Skatteverket's published test personnummer (valid check digit).
    await description.fill("Besökare 19121212-1212 hotade personal vid entrén");
    await form.getByRole("button", { name: "Skicka rapporten" }).click();

    const refused = await pg.card("texten innehåller ett personnummer eller samordningsnummer");
    const again = refused.getByRole("textbox", { name: /Kort beskrivning/ });
    expect(await again.inputValue()).toContain("hotade personal vid entrén");
    await again.fill("En besökare hotade personal vid entrén");
    await refused.getByRole("button", { name: "Skicka rapporten" }).click();

    // Everyone in the General channel (the alerts channel) hears of it; samordning (Alex) gets the report to acknowledge.
    await pg.open("General");
    await pg.card("En händelse med hot eller våld har rapporterats");
    await pg.open("Personal Chat");
    const report = await pg.card("En rapport om hot och våld har kommit in");
    expect(await report.innerText()).toContain("En besökare hotade personal vid entrén");
    expect(await report.innerText()).not.toContain("19121212-1212");
    await report.getByRole("button", { name: "Kvittera" }).click();
    await pg.card("Kvitterat. Tack.");
    // The same card, acknowledged: its button is gone and it says who acknowledged it.
    const acknowledged = await pg.card("En rapport om hot och våld har kommit in");
    await acknowledged.getByRole("button", { name: "Kvittera" }).waitFor({ state: "detached" });
    expect(await acknowledged.innerText()).toContain("Alex Wilber");
  });
});
