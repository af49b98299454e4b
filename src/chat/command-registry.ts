import type { CommandHandler } from "../app/feature.ts";
import { hasAnyRole, type Member } from "../partnerships/index.ts";
import type { Locale } from "../shared/i18n.ts";

/** Every chat command the bot knows, built core and capabilities alike from what they registered. */
export interface CommandRegistry {
  /** The command a typed word (either language, any spelling) names. */
  find(word: string): CommandHandler | undefined;
  /** The commands this member may use, in registration order. */
  availableTo(member: Pick<Member, "roles">): CommandHandler[];
  /** Whether this member may use the command. */
  allows(command: CommandHandler, member: Pick<Member, "roles">): boolean;
  /** Every word of every command this member may use, for suggestions. */
  wordsFor(member: Pick<Member, "roles">): string[];
  /** The language of a command's first word when only one language has it (`help` → en, `status` → neither). */
  localeOf(text: string): Locale | undefined;
}

/** Builds the registry; two commands claiming one word is a wiring mistake and stops start-up. */
export function createCommandRegistry(commands: readonly CommandHandler[]): CommandRegistry {
  const byWord = new Map<string, CommandHandler>();
  for (const command of commands) {
    for (const word of [...command.words.sv, ...command.words.en].map((w) => w.toLowerCase())) {
      const taken = byWord.get(word);
      if (taken !== undefined && taken !== command)
        throw new Error(`Two chat commands claim the word "${word}" (${taken.words.sv[0]} and ${command.words.sv[0]}).`);
      byWord.set(word, command);
    }
  }
  const allows = (command: CommandHandler, member: Pick<Member, "roles">) => command.roles === undefined || hasAnyRole(member, command.roles);
  const availableTo = (member: Pick<Member, "roles">) => commands.filter((c) => allows(c, member));
  return {
    find: (word) => byWord.get(word.toLowerCase()),
    availableTo,
    allows,
    wordsFor: (member) => availableTo(member).flatMap((c) => [...c.words.sv, ...c.words.en]),
    localeOf(text) {
      const word = text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
      const command = byWord.get(word);
      if (command === undefined) return undefined;
      const sv = command.words.sv.some((w) => w.toLowerCase() === word);
      const en = command.words.en.some((w) => w.toLowerCase() === word);
      return sv === en ? undefined : sv ? "sv" : "en";
    },
  };
}
