import { readFileSync } from "node:fs";
import path from "node:path";

/** The recorded payloads inside the repository (`test/fixtures/`, sources in its README). */
const FIXTURES_DIR = path.resolve(import.meta.dirname, "../fixtures");

/** Path of one recorded payload. */
function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

/** A recorded payload as bytes: signatures are computed over exactly these. */
export function readFixtureBytes(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** A recorded payload as UTF-8 text. */
export function readFixtureText(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

/** A recorded JSON payload, parsed. */
export function readFixtureJson(name: string): unknown {
  return JSON.parse(readFixtureText(name)) as unknown;
}
