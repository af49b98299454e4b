/**
 * The Agents Playground's page, driven as a person uses it: pick a chat or channel on the left, type in its box,
 * @mention Samverka from the mention picker, press the buttons on the rendered Adaptive Cards, and act as another
 * of the Playground's users with its own "Mock an Activity" → "Custom activity" (the template it offers, with
 * another `from`). What the bot sent someone who is not the Playground's current user is read where a tester reads
 * it too: the Playground's log panel.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { parse } from "yaml";

const ROOT = path.resolve(import.meta.dirname, "../../..");
/** How long the bot may take to answer something on 2 busy cores (inbox, use case, outbox, the Playground). */
export const ANSWER_MS = 20_000;

/** A user of `.m365agentsplayground.yml`, as an activity's `from` names them. */
export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

interface PlaygroundConfig {
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  bot: { id: string; name: string };
}

const config = parse(readFileSync(path.join(ROOT, ".m365agentsplayground.yml"), "utf8")) as PlaygroundConfig;

/** The Playground's current user (Alex) or one of its other users, by the name the Playground shows. */
export function playgroundUser(name: string): PlaygroundUser {
  const user = [config.currentUser, ...config.users].find((u) => u.name === name);
  if (user === undefined) throw new Error(`no user "${name}" in .m365agentsplayground.yml`);
  return { id: user.id, name: user.name, aadObjectId: user.aadObjectId };
}

/** What a custom activity carries besides the template's conversation and recipient. */
export type CustomActivity =
  | { type: "message"; text: string }
  | { type: "message"; value: Record<string, unknown> }
  | { type: "invoke"; name: "adaptiveCard/action"; value: Record<string, unknown> };

/** One journey's page in the Playground. */
export interface PlaygroundPage {
  readonly page: Page;
  /** Opens a chat or channel from the left rail: "Personal Chat", "Samverka test", "General", "Styrgrupp". */
  open(conversation: string): Promise<void>;
  /** Types a message in the open conversation's box and sends it. */
  say(text: string): Promise<void>;
  /** Says `text` in the open conversation and returns what the bot's new cards there say, once they have come. */
  answer(text: string): Promise<string>;
  /** Writes `@Samverka <text>` with the mention picker, as Teams needs in a group chat or channel. */
  mention(text: string): Promise<void>;
  /** The newest card in the open conversation that shows `text`, once it is there. */
  card(text: string | RegExp): Promise<Locator>;
  /** How many cards in the open conversation show `text`. */
  count(text: string | RegExp): Promise<number>;
  /** Waits until more than `before` cards show `text`: an answer that repeats an earlier one's wording. */
  another(text: string | RegExp, before: number): Promise<Locator>;
  /** Sends an activity as `user` in the open conversation with Mock an Activity → Custom activity. */
  actAs(user: PlaygroundUser, activity: CustomActivity): Promise<void>;
  /** `@Samverka <text>` written by `user` in the open conversation (a custom activity with the mention entity). */
  mentionAs(user: PlaygroundUser, text: string): Promise<void>;
  /** The newest activity the bot sent whose JSON contains every one of `texts`, from the Playground's log panel. */
  sent(...texts: string[]): Promise<Record<string, unknown>>;
  /** What the bot answered the newest card action (invoke) with, from the log panel's Response tab. */
  invokeResponse(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

async function readJsonPane(page: Page): Promise<Record<string, unknown> | undefined> {
  // The log details pane shows the JSON as plain text below its Request / Response tabs.
  const text = await page.getByRole("tablist").locator("xpath=../following-sibling::*[1]").innerText();
  const start = text.indexOf("{");
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

// In the page's own words, as a string: this project type-checks for Node, without the DOM's types.
const READ_CLIPBOARD = "navigator.clipboard.readText()";

/** Opens the Playground in a new context of the suite's one Chromium. */
export async function openPlayground(browserEndpoint: string, url: string): Promise<PlaygroundPage> {
  const browser: Browser = await chromium.connect(browserEndpoint);
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1400, height: 1400 } });
  // Copying the custom activity's template out of its editor goes through the clipboard, as a person's would.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
  const page = await context.newPage();
  await page.goto(url);
  const box = page.locator("[role=textbox][contenteditable=true]");
  await box.waitFor({ timeout: ANSWER_MS });
  const cards = (text: string | RegExp) => page.locator(".ac-adaptiveCard").filter({ hasText: text });

  async function send(): Promise<void> {
    await page.keyboard.press("Enter");
  }

  async function customActivity(edit: (template: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    await page.getByRole("button", { name: "Mock an Activity" }).click();
    await page.getByRole("menuitem", { name: "Custom activity" }).click();
    const editor = page.locator(".monaco-editor");
    await editor.locator(".view-lines").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+C");
    const template = JSON.parse(String(await page.evaluate(READ_CLIPBOARD))) as Record<string, unknown>;
    const activity = edit(template);
    await page.keyboard.press("Delete");
    // On one line and inserted whole, not typed key by key: the editor would otherwise close brackets and indent.
    await page.keyboard.insertText(JSON.stringify(activity));
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+C");
    const written = String(await page.evaluate(READ_CLIPBOARD));
    if (written !== JSON.stringify(activity)) throw new Error(`the custom activity editor holds ${written}, not the activity`);
    await page.getByRole("button", { name: "Send activity" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
  }

  async function logEntry(link: string, matches: (json: Record<string, unknown>) => boolean, tab: "Request" | "Response"): Promise<Record<string, unknown>> {
    const deadline = Date.now() + ANSWER_MS;
    for (;;) {
      const entries = page.getByText(link, { exact: true });
      const n = await entries.count();
      // Newest first, and only the last few dozen: what we look for was sent moments ago.
      for (let i = n - 1; i >= Math.max(0, n - 40); i--) {
        await entries.nth(i).click();
        await page.getByRole("tab", { name: tab }).click();
        const json = await readJsonPane(page);
        if (json !== undefined && matches(json)) return json;
      }
      if (Date.now() > deadline) throw new Error(`the Playground's log panel has no "${link}" entry that matches`);
      await page.waitForTimeout(500);
    }
  }

  const driver: PlaygroundPage = {
    page,
    async open(conversation) {
      await page.getByText(conversation, { exact: true }).first().click();
      await box.first().waitFor();
    },
    async say(text) {
      await box.first().click();
      await page.keyboard.type(text);
      await send();
    },
    async answer(text) {
      const all = page.locator(".ac-adaptiveCard");
      const before = await all.count();
      await driver.say(text);
      await all.nth(before).waitFor({ timeout: ANSWER_MS });
      // An answer may come as several messages (a refusal, then the question again): let them arrive.
      await page.waitForTimeout(1000);
      const texts = await all.allInnerTexts();
      return texts.slice(before).join("\n");
    },
    async mention(text) {
      await box.first().click();
      await page.keyboard.type(`@${config.bot.name.slice(0, 4)}`);
      await page.getByRole("menuitem", { name: config.bot.name }).click();
      await page.keyboard.type(` ${text}`);
      await send();
    },
    async card(text) {
      const card = cards(text).last();
      await card.waitFor({ timeout: ANSWER_MS });
      return card;
    },
    async count(text) {
      return cards(text).count();
    },
    async another(text, before) {
      const card = cards(text).nth(before);
      await card.waitFor({ timeout: ANSWER_MS });
      return card;
    },
    async actAs(user, activity) {
      await customActivity((template) => ({ ...template, ...activity, from: user }));
    },
    async mentionAs(user, text) {
      const at = `<at>${config.bot.name}</at>`;
      await customActivity((template) => ({
        ...template,
        type: "message",
        text: `${at} ${text}`,
        from: user,
        entities: [{ type: "mention", text: at, mentioned: { id: config.bot.id, name: config.bot.name } }],
      }));
    },
    async sent(...texts) {
      return logEntry("message 201", (json) => texts.every((text) => JSON.stringify(json).includes(text)), "Request");
    },
    async invokeResponse() {
      return logEntry("invoke 200", () => true, "Response");
    },
    async close() {
      await context.close();
      await browser.close();
    },
  };
  return driver;
}
