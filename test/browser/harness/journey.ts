/**
 * A journey: one test with its own page in the Playground, a screenshot under test/browser/screenshots when it
 * fails (and, with SAMVERKA_BROWSER_SCREENSHOTS=all, when it passes too, to look at what a person sees).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { inject, it } from "vitest";
import { SCREENSHOTS } from "./browser-options.ts";
import { openPlayground, type PlaygroundPage } from "./playground-page.ts";

const EVERY = process.env.SAMVERKA_BROWSER_SCREENSHOTS === "all";

function fileName(name: string, suffix: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return path.join(SCREENSHOTS, `${slug.slice(0, 80)}${suffix}.png`);
}

/** Declares a journey; `steps` drives the page and throws (with a screenshot saved) when the page is not as expected. */
export function journey(name: string, steps: (playground: PlaygroundPage) => Promise<void>, timeoutMs = 120_000): void {
  it(
    name,
    async () => {
      const playground = await openPlayground(inject("browserEndpoint"), inject("playgroundUrl"));
      mkdirSync(SCREENSHOTS, { recursive: true });
      try {
        await steps(playground);
        if (EVERY) await playground.page.screenshot({ path: fileName(name, ".passed") });
      } catch (error) {
        const file = fileName(name, "");
        await playground.page.screenshot({ path: file }).catch(() => undefined);
        throw Object.assign(error as Error, { message: `${(error as Error).message}\nscreenshot: ${file}` });
      } finally {
        await playground.close();
      }
    },
    timeoutMs,
  );
}
