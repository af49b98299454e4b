import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createSlackManifestCommand } from "../../../adapters/slack/slack.cli.ts";
import type { CliContext } from "../../../src/app/cli-command.ts";

const manifest = parse(readFileSync(new URL("../../../apps/slack/manifest.yaml", import.meta.url), "utf8")) as {
  display_information: { name: string; description: string; long_description: string };
  features: { slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
};

describe("the Slack app manifest", () => {
  it("sends the slash command, interactivity and events to the one verified endpoint", () => {
    const urls = [manifest.features.slash_commands[0]!.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
    expect(new Set(urls)).toEqual(new Set(["https://PUBLIC_URL/slack/events"]));
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/samverka"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("keeps its texts within the lengths Slack's manifest validation accepts", () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });

  it("subscribes to the events the adapter translates and grants the scopes its Web API calls need", () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_mention", "member_joined_channel", "message.im"]);
    // commands; chat.postMessage/update/postEphemeral; conversations.open; files.uploadV2; message.im; app_mention
    for (const scope of ["commands", "chat:write", "im:write", "files:write", "im:history", "app_mentions:read", "channels:read", "groups:read"]) {
      expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
  });
});

describe("samverka slack manifest", () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await createSlackManifestCommand().run(args, { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } as unknown as CliContext);
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("prints the manifest with every request URL pointing at the given address", async () => {
    const { code, out } = await run(["https://samverka.stad.se/"]);
    expect(code).toBe(0);
    expect(out).not.toContain("PUBLIC_URL");
    const printed = parse(out) as typeof manifest;
    expect(printed.settings.event_subscriptions.request_url).toBe("https://samverka.stad.se/slack/events");
    expect(printed.settings.interactivity.request_url).toBe("https://samverka.stad.se/slack/events");
    expect(printed.features.slash_commands[0]!.url).toBe("https://samverka.stad.se/slack/events");
  });

  it("refuses an address Slack would not call: plain http, a path, or none", async () => {
    for (const args of [["http://samverka.stad.se"], ["https://stad.se/samverka"], []]) {
      const { code, out, err } = await run(args);
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err).toContain("samverka slack manifest https://");
    }
  });
});
