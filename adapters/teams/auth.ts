import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { SamverkaError } from "../../src/shared/errors.ts";

/** Teams bot credentials (Azure bot registration), from `Config.teams`. */
export interface TeamsCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

/**
 * How inbound Teams requests are trusted. `validated`: the SDK checks every token. `local`: unauthenticated, for the
 * Agents Playground and tests on this machine only, and only when asked for. `off`: /api/messages is refused.
 */
export type TeamsAccess =
  { mode: "validated"; credentials: TeamsCredentials } | { mode: "local"; reason: "explicit" | "local-data-dir" } | { mode: "off"; reason: string };

/** Whether a listen address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (bare.startsWith("::ffff:") && isIP(bare.slice(7)) === 4) return bare.slice(7).startsWith("127.");
  return bare === "::1";
}

/** Whether a URL points at this machine (a Bot Connector on loopback: the Agents Playground or a test fake). */
export function isLoopbackUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.username === "" && isLoopbackHost(parsed.hostname);
}

/** The file that marks an embedded data directory as made by a local `npm start` (Teams may then run unauthenticated). */
const LOCAL_MARKER = "teams-local";

/** Marks a freshly initialised embedded data directory as a local one. */
export function markLocalDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    path.join(dataDir, LOCAL_MARKER),
    "This data directory was created by a local start without Teams credentials, so Samverka serves Teams unauthenticated\n" +
      "(loopback only) for the Microsoft 365 Agents Playground. Delete this file or set SAMVERKA_TEAMS_LOCAL=0 to stop that.\n",
  );
}

/** Whether the embedded data directory carries the local marker. */
export function isLocalDataDir(dataDir: string): boolean {
  return existsSync(path.join(dataDir, LOCAL_MARKER));
}

/** What decides the Teams access: the settings and whether the embedded data directory is a local one. */
export interface TeamsAccessInput {
  credentials: TeamsCredentials | undefined;
  host: string;
  publicUrl: string | undefined;
  /** SAMVERKA_TEAMS_LOCAL when set. */
  local: boolean | undefined;
  /** The embedded data directory is in use and was created by a local start. */
  localDataDir: boolean;
}

/**
 * Decides how Teams is served; never unauthenticated by accident. Credentials always mean validation. Without them
 * Teams runs unauthenticated only when asked (SAMVERKA_TEAMS_LOCAL=1, or a local embedded data directory), and never
 * with a PUBLIC_URL or on an address other machines reach: an explicit request for that is a configuration error.
 */
export function decideTeamsAccess(input: TeamsAccessInput): TeamsAccess {
  if (input.credentials !== undefined) return { mode: "validated", credentials: input.credentials };
  const howToTurnOn = "set TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID (Azure bot registration)";
  if (input.local === true) {
    if (input.publicUrl !== undefined) {
      throw new SamverkaError(
        "config_invalid",
        `SAMVERKA_TEAMS_LOCAL=1 serves Teams without authentication, but PUBLIC_URL (${input.publicUrl}) says the server is reachable from outside: anyone could then act as any Teams user. Remove SAMVERKA_TEAMS_LOCAL, or ${howToTurnOn}.`,
      );
    }
    if (!isLoopbackHost(input.host)) {
      throw new SamverkaError(
        "config_invalid",
        `SAMVERKA_TEAMS_LOCAL=1 serves Teams without authentication, but the server listens on ${input.host}, which other machines can reach. Set HOST=127.0.0.1 for local use, or ${howToTurnOn}.`,
      );
    }
    return { mode: "local", reason: "explicit" };
  }
  if (input.local === false) return { mode: "off", reason: `SAMVERKA_TEAMS_LOCAL=0 and no credentials: ${howToTurnOn} to serve Teams` };
  if (!input.localDataDir) return { mode: "off", reason: `no credentials: ${howToTurnOn}, or SAMVERKA_TEAMS_LOCAL=1 for unauthenticated local use` };
  if (input.publicUrl !== undefined) return { mode: "off", reason: `no credentials and PUBLIC_URL is set: ${howToTurnOn}` };
  if (!isLoopbackHost(input.host)) return { mode: "off", reason: `no credentials and HOST=${input.host} is reachable from other machines: ${howToTurnOn}` };
  return { mode: "local", reason: "local-data-dir" };
}

/** The start-up line that says how Teams requests are trusted. */
export function describeTeamsAccess(access: TeamsAccess, host: string): string {
  if (access.mode === "validated") return "Teams: every request to /api/messages must carry a valid Bot Framework token.";
  if (access.mode === "off") return `Teams is off (/api/messages is refused): ${access.reason}.`;
  const why =
    access.reason === "explicit"
      ? "SAMVERKA_TEAMS_LOCAL=1"
      : "the embedded data directory was created by a local start without Teams credentials (its teams-local file; delete it or set SAMVERKA_TEAMS_LOCAL=0 to stop)";
  return `Teams accepts UNAUTHENTICATED requests for local use, because ${why}: only from this machine (${host}), and only Bot Connectors on loopback.`;
}
