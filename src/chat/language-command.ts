import type { Actor, Feature } from "../app/feature.ts";
import type { Db } from "../db/database.ts";
import { chooseMemberLocale } from "../partnerships/index.ts";
import type { Clock } from "../shared/clock.ts";
import { createTranslator, LOCALES, type Locale } from "../shared/i18n.ts";
import { languageMessages } from "./language.messages.ts";
import type { Message } from "./message.ts";

const LANGUAGE_ACTION = "language.choose";

// What a person may write after `språk` / `language` for each language.
const NAMES: ReadonlyMap<string, Locale> = new Map([
  ...["sv", "svenska", "swedish", "svensk"].map((n) => [n, "sv"] as const),
  ...["en", "engelska", "english", "engelsk"].map((n) => [n, "en"] as const),
]);

/** The language the member reads now (or why `språk …` was not understood), with a button for each language. */
function languageChoice(actor: Actor, understood: boolean): Message {
  const t = createTranslator(languageMessages, actor.locale);
  const text = understood ? t("current", { language: t(`name.${actor.locale}`) }) : t("unknown");
  return {
    text,
    blocks: [
      { type: "text", text },
      {
        type: "buttons",
        buttons: LOCALES.map((l) => ({
          actionId: LANGUAGE_ACTION,
          label: t(`button.${l}`),
          value: l,
          ...(l === actor.locale ? { style: "primary" as const } : {}),
        })),
      },
    ],
  };
}

/** The confirmation, written in the language just chosen (and marked so, for the words the adapter adds). */
function chosen(locale: Locale): Message {
  const text = createTranslator(languageMessages, locale)("set");
  return { text, blocks: [{ type: "text", text }], locale };
}

/** `språk en` / `language sv`: each member chooses the language Samverka writes to them in; it is remembered. */
export function createLanguageFeature(deps: { db: Db; clock: Clock }): Feature {
  const choose = (actor: Actor, locale: Locale) => chooseMemberLocale(deps.db, actor.member.id, locale, deps.clock.now());
  return {
    name: "language",
    commands: [
      {
        words: { sv: ["språk", "sprak"], en: ["language"] },
        help: (locale) => createTranslator(languageMessages, locale)("help"),
        async run({ actor, args, reply }) {
          if (args === "") return reply.whisper(languageChoice(actor, true));
          const locale = NAMES.get(args.toLowerCase());
          if (locale === undefined) return reply.whisper(languageChoice(actor, false));
          await choose(actor, locale);
          await reply.whisper(chosen(locale));
        },
      },
    ],
    actions: [
      {
        prefix: LANGUAGE_ACTION,
        async run({ actor, event, reply }) {
          const locale = NAMES.get(event.value);
          if (locale === undefined) return;
          await choose(actor, locale);
          await reply.updateSource(chosen(locale));
        },
      },
    ],
  };
}
