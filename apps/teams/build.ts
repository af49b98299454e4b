/**
 * Builds the Teams app package (a zip of manifest.json, color.png and outline.png) for a city's IT department to
 * upload in the Teams admin center. The icons are the committed color.png and outline.png, copied as they are.
 * No network and no zip tool needed: the zip is written with node:zlib.
 *
 *   node apps/teams/build.ts --app-id <Azure bot app id> --public-url https://samverka.example.se \
 *     [--organisation "Stockholms stad"] [--privacy-url URL] [--terms-url URL] [--version 1.0.0] [--out FILE]
 *
 * --app-id defaults to TEAMS_CLIENT_ID and --public-url to PUBLIC_URL. See apps/teams/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { writeZip } from "./zip.ts";

const HERE = import.meta.dirname;
// Azure shows the app id as a GUID; z.guid() takes any 8-4-4-4-12 hex, as Azure does (z.uuid() also checks RFC version bits).
const GUID = z.guid();

/** What goes into the manifest's placeholders. */
export interface PackageSettings {
  appId: string;
  publicUrl: string;
  organisation: string;
  privacyUrl: string;
  termsUrl: string;
  version: string;
}

function httpsUrl(value: string, name: string): URL {
  if (!URL.canParse(value) || new URL(value).protocol !== "https:") throw new Error(`${name} must be an https:// URL (Teams requires it), got "${value}".`);
  return new URL(value);
}

/** The manifest with every placeholder filled in; throws naming what is missing or malformed. */
export function buildManifest(settings: PackageSettings): string {
  if (!GUID.safeParse(settings.appId).success) throw new Error(`--app-id must be the Azure bot's application (client) id, a GUID; got "${settings.appId}".`);
  if (!/^\d+\.\d+\.\d+$/.test(settings.version)) throw new Error(`--version must look like 1.0.0; got "${settings.version}".`);
  const site = httpsUrl(settings.publicUrl, "--public-url");
  httpsUrl(settings.privacyUrl, "--privacy-url");
  httpsUrl(settings.termsUrl, "--terms-url");
  const values: Record<string, string> = {
    TEAMS_CLIENT_ID: settings.appId.toLowerCase(),
    PUBLIC_URL: site.origin,
    PUBLIC_HOST: site.host,
    ORGANISATION: settings.organisation,
    PRIVACY_URL: settings.privacyUrl,
    TERMS_URL: settings.termsUrl,
  };
  const manifest = JSON.parse(readFileSync(path.join(HERE, "manifest.json"), "utf8")) as Record<string, unknown>;
  manifest.version = settings.version;
  const filled = JSON.stringify(
    manifest,
    (_key, value: unknown) => (typeof value === "string" ? value.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => values[name] ?? `{{${name}}}`) : value),
    2,
  );
  const left = /\{\{(\w+)\}\}/.exec(filled);
  if (left !== null) throw new Error(`manifest.json has a placeholder the build does not know: ${left[0]}`);
  return `${filled}\n`;
}

/** The icons Teams shows, committed beside the manifest: 192×192 colour and 32×32 white on transparent. */
export const ICONS = ["color.png", "outline.png"] as const;

/** The package's bytes. */
export function buildPackage(settings: PackageSettings): Buffer {
  return writeZip([
    { name: "manifest.json", content: Buffer.from(buildManifest(settings), "utf8") },
    ...ICONS.map((name) => ({ name, content: readFileSync(path.join(HERE, name)) })),
  ]);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      "app-id": { type: "string", default: process.env.TEAMS_CLIENT_ID ?? "" },
      "public-url": { type: "string", default: process.env.PUBLIC_URL ?? "" },
      organisation: { type: "string", default: "Samverka" },
      "privacy-url": { type: "string" },
      "terms-url": { type: "string" },
      version: { type: "string", default: "1.0.0" },
      out: { type: "string", default: path.resolve(HERE, "../../dist/teams/samverka-teams.zip") },
    },
  });
  const publicUrl = values["public-url"];
  const settings: PackageSettings = {
    appId: values["app-id"],
    publicUrl,
    organisation: values.organisation,
    privacyUrl: values["privacy-url"] ?? publicUrl,
    termsUrl: values["terms-url"] ?? publicUrl,
    version: values.version,
  };
  const zip = buildPackage(settings);
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, zip);
  console.log(`Teams app package written to ${values.out} (${zip.length} bytes). Upload it as described in apps/teams/README.md.`);
}

if (import.meta.main) {
  try {
    main();
  } catch (error) {
    console.error(`Could not build the Teams app package: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
