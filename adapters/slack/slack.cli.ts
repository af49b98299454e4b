import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CliCommand } from "../../src/app/cli-command.ts";

const MANIFEST = path.resolve(import.meta.dirname, "../../apps/slack/manifest.yaml");
const PLACEHOLDER = "https://PUBLIC_URL";

/** The manifest with Samverka's public address filled in; `undefined` when `publicUrl` is not an https origin. */
async function renderSlackManifest(publicUrl: string): Promise<string | undefined> {
  if (!URL.canParse(publicUrl)) return undefined;
  const url = new URL(publicUrl);
  if (url.protocol !== "https:" || (url.pathname !== "/" && url.pathname !== "")) return undefined;
  const manifest = await readFile(MANIFEST, "utf8");
  // The leading comment tells how to fill in the placeholder, which is done here.
  return manifest.replace(/^(#[^\n]*\n)+/, "").replaceAll(PLACEHOLDER, url.origin);
}

/** `samverka slack manifest https://samverka.stad.se`: prints the Slack app manifest to paste at api.slack.com/apps. */
export function createSlackManifestCommand(): CliCommand {
  return {
    name: ["slack", "manifest"],
    usage: "samverka slack manifest PUBLIC_URL",
    summary: "Skriv ut Slack-appens manifest med Samverkas adress (print the Slack app manifest for this address)",
    async run(args, ctx) {
      const manifest = args.length === 1 ? await renderSlackManifest(args[0]!) : undefined;
      if (manifest === undefined) {
        ctx.err("Ange Samverkas publika https-adress, t.ex. / give Samverka's public https address, e.g.: samverka slack manifest https://samverka.stad.se");
        return 2;
      }
      for (const line of manifest.trimEnd().split("\n")) ctx.out(line);
      return 0;
    },
  };
}
