import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ICONS, buildManifest, buildPackage, type PackageSettings } from "../../../apps/teams/build.ts";

const settings: PackageSettings = {
  appId: "11111111-2222-3333-4444-555555555555",
  publicUrl: "https://samverka.stockholm.se/",
  organisation: "Stockholms stad",
  privacyUrl: "https://start.stockholm/integritet",
  termsUrl: "https://start.stockholm/villkor",
  version: "1.2.0",
};

/** Reads a zip through its central directory, as Teams' uploader does. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength;
  }
  return files;
}

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe("Teams app package", () => {
  it("holds the manifest and both icons at the zip's root, with Teams' icon sizes", () => {
    const files = readZip(buildPackage(settings));
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(pngSize(files.get("color.png")!)).toEqual([192, 192]);
    expect(pngSize(files.get("outline.png")!)).toEqual([32, 32]);
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as {
      id: string;
      version: string;
      bots: { botId: string; scopes: string[] }[];
      validDomains: string[];
    };
    expect(manifest).toMatchObject({ id: settings.appId, version: "1.2.0", validDomains: ["samverka.stockholm.se"] });
    expect(manifest.bots[0]).toMatchObject({ botId: settings.appId, scopes: ["personal", "team", "groupChat"] });
  });

  it("carries the icons committed in apps/teams byte for byte", () => {
    const files = readZip(buildPackage(settings));
    for (const name of ICONS) expect(files.get(name)!.equals(readFileSync(path.resolve(import.meta.dirname, "../../../apps/teams", name)))).toBe(true);
  });

  it("is byte-identical for the same settings, so a rebuilt package can be compared", () => {
    expect(buildPackage(settings).equals(buildPackage(settings))).toBe(true);
  });

  it("refuses an app id that is not the bot's GUID and a site that is not https, naming the option", () => {
    expect(() => buildManifest({ ...settings, appId: "samverka" })).toThrow(/--app-id/);
    expect(() => buildManifest({ ...settings, publicUrl: "http://samverka.stockholm.se" })).toThrow(/--public-url must be an https/);
  });
});
