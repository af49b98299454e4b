import { describe, expect, it } from "vitest";
import { coldNightsSchema } from "../../../src/alerts/cold-nights/cold-night-settings.ts";
import { latestDuePosition, positionDueAt, restartedBase, rungAt, rungOf, stepAt, type Ladder } from "../../../src/alerts/cold-nights/escalation-ladder.ts";

const declared = new Date("2026-12-03T16:00:00Z");
const at = (minutes: number) => new Date(declared.getTime() + minutes * 60_000);
// Staff at 15, coordinator at 30, samordning at 45; then coordinator and samordning again, every 20 minutes.
const ladder: Ladder = { minutes: [15, 30, 45], repeatFrom: 2, repeatEveryMinutes: 20 };

describe("the escalation ladder", () => {
  it("climbs from staff to coordinator to samordning, and a fourth configured step stays with samordning", () => {
    expect([1, 2, 3, 4].map(rungOf)).toEqual(["staff", "coordinator", "samordning", "samordning"]);
  });

  it("counts the configured delays from the declaration, then repeats at the interval", () => {
    expect([1, 2, 3, 4, 5, 6].map((p) => positionDueAt(ladder, declared, p))).toEqual([at(15), at(30), at(45), at(65), at(85), at(105)]);
  });

  it("repeats from the configured step past the last one, without end", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((p) => stepAt(ladder, p))).toEqual([1, 2, 3, 2, 3, 2, 3, 2]);
    expect([4, 5, 100].map((p) => rungAt(ladder, p))).toEqual(["coordinator", "samordning", "coordinator"]);
    expect([4, 5, 6].map((p) => rungAt({ ...ladder, repeatFrom: 3 }, p))).toEqual(["samordning", "samordning", "samordning"]);
    expect([4, 5, 6, 7].map((p) => rungAt({ ...ladder, repeatFrom: 1 }, p))).toEqual(["staff", "coordinator", "samordning", "staff"]);
  });

  it("takes the step the ladder has reached when a step runs late, not every one it missed", () => {
    expect(latestDuePosition(ladder, declared, 1, at(15))).toBe(1);
    expect(latestDuePosition(ladder, declared, 1, at(44))).toBe(2);
    expect(latestDuePosition(ladder, declared, 1, at(45))).toBe(3);
    expect(latestDuePosition(ladder, declared, 1, at(84))).toBe(4);
    // Two hours down: the step due at 115 minutes is the one that goes out.
    expect(latestDuePosition(ladder, declared, 2, at(120))).toBe(6);
    // Never behind the step the job was for.
    expect(latestDuePosition(ladder, declared, 3, at(20))).toBe(3);
  });

  it("restarts a shelter's run so the chosen step is due at once and the next after its usual gap", () => {
    const now = at(200);
    const base = restartedBase(ladder, now, 2);
    expect(positionDueAt(ladder, base, 2)).toEqual(now);
    expect(positionDueAt(ladder, base, 3)).toEqual(at(215));
    expect(positionDueAt(ladder, base, 4)).toEqual(at(235));
  });

  it("is read from the partnership file, repeating the whole ladder every 30 minutes unless it says otherwise", () => {
    const base = { thresholdC: -7, season: { from: "11-01", to: "03-31" }, coordinates: { lat: 59.3, lon: 18.1 } };
    expect(coldNightsSchema.parse(base).escalationRepeat).toEqual({ fromStep: 1, everyMinutes: 30 });
    expect(coldNightsSchema.parse({ ...base, escalationRepeat: { fromStep: 3, everyMinutes: 10 } }).escalationRepeat).toEqual({
      fromStep: 3,
      everyMinutes: 10,
    });
    const refused = coldNightsSchema.safeParse({ ...base, escalationRepeat: { fromStep: 4 } });
    expect(refused.error?.issues.map((i) => i.path.join("."))).toEqual(["escalationRepeat.fromStep"]);
  });
});
