import path from "node:path";

/** Debian's Chromium (`apt-get install -y chromium`); the suite never downloads a browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags that keep Chromium quiet on a machine without outside network (and as root, without a sandbox). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where a failed journey leaves its screenshot (CI prints the folder). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, "../screenshots");
