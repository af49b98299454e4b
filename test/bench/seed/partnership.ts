/**
 * Partnerships for the bench, written as partnership files (the format a city writes) and imported through the
 * admin CLI, so seeding goes through the same door as production data.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { ROOT } from "../lib/paths.ts";

/** A person in a bench partnership: on Slack, on Teams, or on both. */
export interface BenchPerson {
  key: string;
  roles: string[];
  organisation?: string;
  slack?: string;
  teams?: string;
}

/** The shape of a bench partnership. */
export interface BenchPartnership {
  id: string;
  organisations: string[];
  people: BenchPerson[];
  /** Night shelters: each with its organisation and staff (person keys). */
  shelters: { key: string; organisation: string; staff: string[] }[];
  channels: { platform: "slack" | "teams"; conversation: string; purpose: "alerts" | "partnership" }[];
  /** The report coordinator (a person key) and the forms, when the partnership reports. */
  reports?: { coordinator: string };
}

/** The partnership file for `p`. */
export function partnershipFile(p: BenchPartnership): string {
  const cityUnit = "stadens-enhet";
  return stringify({
    id: p.id,
    name: `Bench ${p.id}`,
    city: "Stockholm",
    timeZone: "Europe/Stockholm",
    locale: "sv",
    period: { start: "2025-01-01", end: "2030-12-31" },
    organisations: p.organisations.map((key) => ({ key, name: `Organisation ${key}` })),
    cityUnits: [{ key: cityUnit, name: "Stadens enhet" }],
    groups: [
      {
        key: "samverkansgrupp",
        kind: "samverkansgrupp",
        name: "Samverkansgrupp",
        cadence: { atLeastEveryMonths: 1 },
        meetings: { pattern: { weekday: "thursday", week: 1, time: "10:00", durationMinutes: 90 } },
        members: p.people.filter((x) => x.roles.includes("coordinator")).slice(0, 20).map((x) => ({ member: x.key })),
      },
    ],
    members: p.people.map((x) => ({
      key: x.key,
      name: `Person ${x.key}`,
      ...(x.organisation === undefined ? { cityUnit } : { organisation: x.organisation }),
      roles: x.roles,
      identities: { ...(x.slack === undefined ? {} : { slack: x.slack }), ...(x.teams === undefined ? {} : { teams: x.teams }) },
    })),
    channels: p.channels,
    activities: p.shelters.map((s) => ({ key: s.key, name: `Härbärge ${s.key}`, organisation: s.organisation, kind: "night", places: 30, staff: s.staff })),
    coldNights: {
      thresholdC: -7,
      season: { from: "01-01", to: "12-31" },
      coordinates: { lat: 59.3293, lon: 18.0686 },
      // Far apart, so no escalation falls inside a bench run.
      escalationMinutes: [600, 700, 800],
      declarerRoles: ["samordning"],
      closeTime: "09:00",
    },
    ...(p.reports === undefined ? {} : { reports: { coordinator: p.reports.coordinator, cycles: [{ form: "uppfoljning", period: "half-year", opensDaysBeforeEnd: 14, deadlineDaysAfterEnd: 30 }] } }),
  });
}

/** Imports partnership files into the database at `databaseUrl` with `samverka import` (which also migrates it). */
export async function importPartnerships(databaseUrl: string, partnerships: BenchPartnership[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "samverka-bench-"));
  for (const p of partnerships) {
    const file = path.join(dir, `${p.id}.yaml`);
    writeFileSync(file, partnershipFile(p));
    await promisify(execFile)(process.execPath, [path.join(ROOT, "src/cli.ts"), "import", file], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    });
  }
}
