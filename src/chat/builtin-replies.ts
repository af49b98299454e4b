import type { Actor, CommandHandler } from "../app/feature.ts";
import type { GroupMemberTable } from "../db/core-tables.ts";
import type { Db } from "../db/database.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import type { Membership } from "./actor.repository.ts";
import type { Platform } from "./chat-port.ts";
import type { CommandRegistry } from "./command-registry.ts";
import type { InboundEvent } from "./inbound.ts";
import { chatMessages, roleNames } from "./chat.messages.ts";
import type { Block, Message } from "./message.ts";
import { nearestCommands, suggestCommand } from "./suggest-command.ts";

/** How many commands "Jag förstod inte" offers. */
const NEAREST = 3;

/**
 * The built-in commands: `hjälp` (built from every registered command) and `status`. `membershipsOf` gives the
 * memberships the router already resolved for the event.
 */
export function createBuiltinCommands(
  db: Db,
  registry: () => CommandRegistry,
  membershipsOf: (event: InboundEvent) => Promise<Membership[]>,
): CommandHandler[] {
  const line = (key: "help.line.help" | "help.line.status") => (locale: Locale) => createTranslator(chatMessages, locale)(key);
  return [
    {
      words: { sv: ["hjälp", "hjalp", "?"], en: ["help"] },
      help: line("help.line.help"),
      run: async ({ event, actor, reply }) => void (await reply.whisper(helpMessage(registry(), actor, event.user.platform))),
    },
    {
      words: { sv: ["status"], en: ["status"] },
      help: line("help.line.status"),
      run: async ({ event, actor, reply }) => void (await reply.whisper(await statusMessage(db, actor, await membershipsOf(event)))),
    },
  ];
}

/** The help card in the member's language: every command they may use, how to reach Samverka on this platform. */
export function helpMessage(registry: CommandRegistry, actor: Actor, platform: Platform): Message {
  const t = createTranslator(chatMessages, actor.locale);
  const commands = registry.availableTo(actor.member);
  const other = actor.locale === "sv" ? "en" : "sv";
  return {
    text: t("help.title"),
    blocks: [
      { type: "heading", text: t("help.title") },
      { type: "text", text: t(platform === "slack" ? "help.reach.slack" : "help.reach.teams") },
      { type: "list", items: commands.map((c) => c.help(actor.locale)) },
      { type: "text", text: t("help.otherLanguage", { words: [...new Set(commands.map((c) => c.words[other][0]))].join(", ") }) },
    ],
  };
}

/**
 * The answer to text Samverka did not understand: says so, asks "Menade du …?" when the first word is one edit or
 * two from a command, and offers the nearest commands. The text itself is never repeated back (it may hold anything).
 */
export function notUnderstoodMessage(registry: CommandRegistry, actor: Actor, word: string): Message {
  const t = createTranslator(chatMessages, actor.locale);
  const suggestion = suggestCommand(word, registry.wordsFor(actor.member));
  const nearest = nearestCommands(word, registry.availableTo(actor.member), NEAREST);
  const blocks: Block[] = [{ type: "text", text: t("notUnderstood") }];
  if (suggestion !== undefined) blocks.push({ type: "text", text: t("notUnderstood.didYouMean", { command: suggestion }) });
  blocks.push(
    { type: "text", text: t("notUnderstood.nearest") },
    { type: "list", items: nearest.map((c) => c.help(actor.locale)) },
    { type: "text", text: t("notUnderstood.more") },
  );
  return { text: t("notUnderstood"), blocks };
}

/** The status card: every partnership the person belongs to, their roles, organisation and groups. */
export async function statusMessage(db: Db, actor: Actor, memberships: Membership[]): Promise<Message> {
  const t = createTranslator(chatMessages, actor.locale);
  const roleName = createTranslator(roleNames, actor.locale);
  const blocks: Block[] = [{ type: "heading", text: t("status.title") }];
  const details = await detailsOf(
    db,
    memberships.map((m) => m.member.id),
  );
  for (const { member, partnership } of memberships) {
    const { organisation, groups } = details.get(member.id) ?? { organisation: undefined, groups: [] };
    const current = memberships.length > 1 && partnership.id === actor.partnership.id ? ` ${t("status.current")}` : "";
    blocks.push({
      type: "facts",
      facts: [
        { label: t("status.partnership"), value: `${partnership.name}${current}` },
        { label: t("status.roles"), value: member.roles.length > 0 ? member.roles.map((r) => roleName(r)).join(", ") : t("status.noRoles") },
        ...(organisation === undefined ? [] : [{ label: t("status.organisation"), value: organisation }]),
        {
          label: t("status.groups"),
          value: groups.length > 0 ? groups.map((g) => `${g.name} (${roleName(g.role)})`).join(", ") : t("status.noGroups"),
        },
      ],
    });
  }
  if (memberships.length > 1) blocks.push(choiceButtons(memberships));
  return { text: t("status.title"), blocks };
}

interface MemberDetails {
  organisation: string | undefined;
  groups: { name: string; role: GroupMemberTable["role"] }[];
}

/** Each member's organisation and active groups (by name), in one query for all of them. */
async function detailsOf(db: Db, memberIds: string[]): Promise<Map<string, MemberDetails>> {
  const details = new Map<string, MemberDetails>();
  if (memberIds.length === 0) return details;
  const rows = await db
    .selectFrom("members as m")
    .leftJoin("organisations as o", "o.id", "m.organisation_id")
    .leftJoin("group_members as gm", "gm.member_id", "m.id")
    .leftJoin("groups as g", (join) => join.onRef("g.id", "=", "gm.group_id").on("g.active", "=", true))
    .where("m.id", "in", memberIds)
    .select(["m.id", "o.name as organisation", "g.name as group", "gm.role"])
    .orderBy("g.name")
    .execute();
  for (const row of rows) {
    const entry = details.get(row.id) ?? { organisation: row.organisation ?? undefined, groups: [] };
    if (row.group !== null && row.role !== null) entry.groups.push({ name: row.group, role: row.role });
    details.set(row.id, entry);
  }
  return details;
}

/** Buttons to pick the partnership to act in. */
export function choiceButtons(memberships: Membership[]): Block {
  return {
    type: "buttons",
    buttons: memberships.map((m) => ({ actionId: "chat.choose", label: m.partnership.name, value: m.partnership.id })),
  };
}
