import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";

describe("configuration", () => {
  it("runs with no environment at all on the embedded defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
      port: 3978,
      host: "127.0.0.1",
      locale: "sv",
      slack: undefined,
      teams: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("names every bad variable and how to fix it", () => {
    const attempt = () => loadConfig({ PORT: "seventy", DATABASE_URL: "mysql://x", SLACK_BOT_TOKEN: "xoxp-user-token" });
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL: must be a URL like postgres:/);
    expect(attempt).toThrow(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
    expect(attempt).toThrow(/see \.env\.example/);
  });

  it("refuses a partial Teams registration", () => {
    expect(() => loadConfig({ TEAMS_CLIENT_ID: "id" })).toThrow(/TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID go together/);
  });

  it("needs a signing secret or an app token with a Slack bot token", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack?.appToken).toBe("xapp-1");
  });

  it("takes a calendar organizer only as an e-mail address", () => {
    expect(loadConfig({ SAMVERKA_CALENDAR_ORGANIZER: "samverka@stad.se" }).calendarOrganizer).toBe("samverka@stad.se");
    expect(() => loadConfig({ SAMVERKA_CALENDAR_ORGANIZER: "samverka" })).toThrow(/SAMVERKA_CALENDAR_ORGANIZER: must be an e-mail address/);
  });

  it("takes the SMHI forecast address only as a URL", () => {
    expect(loadConfig({ SMHI_BASE_URL: "http://127.0.0.1:9/api/category/snow1g/version/1" }).smhiBaseUrl).toBe(
      "http://127.0.0.1:9/api/category/snow1g/version/1",
    );
    expect(() => loadConfig({ SMHI_BASE_URL: "opendata smhi" })).toThrow(/SMHI_BASE_URL/);
  });

  it("reads SAMVERKA_TEAMS_LOCAL as an explicit yes or no, and leaves it undecided when unset", () => {
    expect(loadConfig({ SAMVERKA_TEAMS_LOCAL: "1" }).teamsLocal).toBe(true);
    expect(loadConfig({ SAMVERKA_TEAMS_LOCAL: "0" }).teamsLocal).toBe(false);
    expect(loadConfig({}).teamsLocal).toBeUndefined();
    expect(() => loadConfig({ SAMVERKA_TEAMS_LOCAL: "ja" })).toThrow(/SAMVERKA_TEAMS_LOCAL: must be 1/);
  });

  it("reads the per-person rate limit as a burst and a pace per minute, or off", () => {
    expect(loadConfig({}).rateLimit).toBeUndefined();
    expect(loadConfig({ SAMVERKA_RATE_LIMIT: "10/20" }).rateLimit).toEqual({ burst: 10, perMinute: 20 });
    expect(loadConfig({ SAMVERKA_RATE_LIMIT: "off" }).rateLimit).toBeNull();
    expect(() => loadConfig({ SAMVERKA_RATE_LIMIT: "fast" })).toThrow(/SAMVERKA_RATE_LIMIT: must be BURST\/PER_MINUTE/);
  });

  it("opens the queue dashboard only with both admin credentials, and a password worth the name", () => {
    expect(loadConfig({}).admin).toBeUndefined();
    expect(loadConfig({ SAMVERKA_ADMIN_USER: "drift", SAMVERKA_ADMIN_PASSWORD: "ett-langt-losenord" }).admin).toEqual({
      user: "drift",
      password: "ett-langt-losenord",
    });
    expect(() => loadConfig({ SAMVERKA_ADMIN_USER: "drift" })).toThrow(/SAMVERKA_ADMIN_USER and SAMVERKA_ADMIN_PASSWORD go together/);
    expect(() => loadConfig({ SAMVERKA_ADMIN_USER: "drift", SAMVERKA_ADMIN_PASSWORD: "kort" })).toThrow(
      /SAMVERKA_ADMIN_PASSWORD: must be at least 12 characters/,
    );
  });

  it("serves /metrics on its own port only when SAMVERKA_METRICS_PORT is a port number", () => {
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ SAMVERKA_METRICS_PORT: "9464" }).metricsPort).toBe(9464);
    expect(() => loadConfig({ SAMVERKA_METRICS_PORT: "metrics" })).toThrow(/SAMVERKA_METRICS_PORT: must be a port number/);
    expect(() => loadConfig({ SAMVERKA_METRICS_PORT: "70000" })).toThrow(/SAMVERKA_METRICS_PORT/);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", REDIS_URL: " " }).databaseUrl).toBeUndefined();
  });
});
