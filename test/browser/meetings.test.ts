/**
 * Meetings: Alex calls an extra Samverkansgrupp meeting with the form, answers the invitation with its buttons (and a
 * comment, which Alex's copy of the invitation shows), and
 * proposes an agenda item from the group's own channel (the team's General channel is the Samverkansgrupp's); it lands
 * on the extra meeting, whose agenda is the one being collected.
 */
import { DateTime } from "luxon";
import { describe, expect } from "vitest";
import { journey } from "./harness/journey.ts";

// Fixed-date days off on which no meeting is called (the movable ones never fall 6–9 days after a December run).
const DAYS_OFF = new Set(["01-01", "01-06", "05-01", "06-06", "12-24", "12-25", "12-26", "12-31"]);

/** A working day within the invitation window (10 days), so the invitation goes out at once. */
function meetingDay(): DateTime {
  let day = DateTime.now().setZone("Europe/Stockholm").plus({ days: 6 });
  while (day.weekday > 5 || DAYS_OFF.has(day.toFormat("MM-dd"))) day = day.plus({ days: 1 });
  return day;
}

describe("meetings", () => {
  journey("Alex calls an extra meeting, answers the invitation with a comment, and adds an agenda item from the group's channel", async (pg) => {
    const day = meetingDay();
    await pg.open("Personal Chat");
    await pg.say("nytt möte");
    const form = await pg.card("Kalla till mötet");
    await form.getByRole("radio", { name: "Samverkansgrupp" }).check();
    const date = form.getByRole("combobox", { name: /Nytt datum/ });
    await date.fill(day.toISODate()!);
    await date.press("Escape");
    await form.getByRole("textbox", { name: /Starttid/ }).fill("13:00");
    await form.getByRole("spinbutton", { name: /Längd/ }).fill("60");
    await form.getByRole("textbox", { name: /Plats/ }).fill("Ny Gemenskap, Stockholm");
    await form.getByRole("textbox", { name: /Anledning/ }).fill("Vinterns extra platser");
    await form.getByRole("button", { name: "Kalla till mötet" }).click();
    await pg.card(`Mötet är inlagt: Samverkansgrupp ${day.setLocale("sv").toFormat("cccc")} ${day.toISODate()} kl. 13.00`);

    const invitation = await pg.card(`Kallelse: Samverkansgrupp`);
    expect(await invitation.innerText()).toContain("Extra möte: Vinterns extra platser");
    await invitation.getByRole("button", { name: "Kommer", exact: true }).click();
    const thanks = await pg.card("Tack! Ditt svar: Kommer.");

    // A comment on the answer, from the thanks' button; Alex calls the meeting, so the invitation shows it to Alex.
    await thanks.getByRole("button", { name: "Kommentera" }).click();
    const comment = await pg.card("Kommentar till ditt svar");
    await comment.getByRole("textbox", { name: /Kommentar/ }).fill("Kommer 15 minuter sent");
    await comment.getByRole("button", { name: "Spara" }).click();
    await pg.card("Kommentaren är sparad till ditt svar (Kommer)");
    await pg.card(/Kallelse: Samverkansgrupp[\s\S]*Kommentarer till svaren[\s\S]*Kommer 15 minuter sent/);

    // The invitation in the group's channel is a live copy: its tally counts Alex's answer.
    await pg.open("General");
    await pg.card(/Kallelse: Samverkansgrupp[\s\S]*Kommer: 1 ·/);

    // `agenda …` goes to the meeting whose agenda is being collected: the extra one, whose request has just gone out.
    // Whether a regular meeting's agenda is collected at the same time depends on today's date; then Alex is asked
    // which meeting, in Personal Chat (a channel shows no forms), and picks the extra one.
    const added = `Punkten är tillagd på dagordningen för Samverkansgrupp ${day.setLocale("sv").toFormat("cccc")} ${day.toISODate()} kl. 13.00`;
    await pg.mention("agenda Extra platser under jul och nyår");
    const outcome = await Promise.race([
      pg.card("Punkten är tillagd på dagordningen").then(() => "added" as const),
      pg.card("Jag svarade dig i vår chatt.").then(() => "asked" as const),
    ]);
    if (outcome === "asked") {
      await pg.open("Personal Chat");
      const form = await pg.card("Punkt till dagordningen");
      await form.getByRole("radio", { name: new RegExp(day.toISODate()!) }).check();
      await form.getByRole("button", { name: "Lägg till", exact: true }).click();
    }
    await pg.card(added);
  });
});
