import { isIP } from "node:net";
import { SamverkaError } from "../../src/shared/errors.ts";

/** Teams bot credentials (Azure bot registration), from `Config.teams`. */
export interface TeamsCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

/** Whether a listen address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1" || bare === "::ffff:127.0.0.1";
}

/**
 * Decides how inbound requests are authenticated: with credentials the SDK validates every token; without them
 * requests are accepted unauthenticated, which is only safe when nobody else can reach the server.
 */
export function chooseTeamsAuth(credentials: TeamsCredentials | undefined, host: string): { validated: boolean; notice: string } {
  if (credentials !== undefined) {
    return { validated: true, notice: "Teams: every request to /api/messages must carry a valid Bot Framework token." };
  }
  if (!isLoopbackHost(host)) {
    throw new SamverkaError(
      "config_invalid",
      `Teams has no credentials, and the server listens on ${host}, which other machines can reach: anyone could then act as any Teams user. ` +
        "Set TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID (Azure bot registration), or set HOST=127.0.0.1 for local use.",
    );
  }
  return {
    validated: false,
    notice: `Teams: no TEAMS_CLIENT_ID/TEAMS_CLIENT_SECRET/TEAMS_TENANT_ID, so /api/messages accepts unauthenticated requests; allowed only because the server listens on the loopback address ${host}.`,
  };
}
