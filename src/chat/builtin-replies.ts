import type { Actor } from "../app/feature.ts";
import type { Db } from "../db/database.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import type { Membership } from "./actor.repository.ts";
import { chatMessages, roleNames } from "./chat.messages.ts";
import type { Block, Message } from "./message.ts";

/** The help card, in the member's language; led by "Menade du …?" when the word looks like a mistyped command. */
export function helpMessage(locale: Locale, suggestion?: string): Message {
  const t = createTranslator(chatMessages, locale);
  const didYouMean = suggestion === undefined ? undefined : t("help.didYouMean", { command: suggestion });
  return {
    text: didYouMean ?? t("help.title"),
    blocks: [
      ...(didYouMean === undefined ? [] : [{ type: "text" as const, text: didYouMean }]),
      { type: "heading", text: t("help.title") },
      { type: "text", text: t("help.intro") },
      {
        type: "list",
        items: [t("help.hjalp"), t("help.status"), t("help.moten"), t("help.agenda"), t("help.kallnatt"), t("help.platser"), t("help.hot"), t("help.rapport")],
      },
      { type: "text", text: t("help.footer") },
    ],
  };
}

/** The status card: every partnership the person belongs to, their roles, organisation and groups. */
export async function statusMessage(db: Db, actor: Actor, memberships: Membership[]): Promise<Message> {
  const t = createTranslator(chatMessages, actor.locale);
  const roleName = createTranslator(roleNames, actor.locale);
  const blocks: Block[] = [{ type: "heading", text: t("status.title") }];
  for (const { member, partnership } of memberships) {
    const organisation = member.organisationId
      ? await db.selectFrom("organisations").where("id", "=", member.organisationId).select("name").executeTakeFirst()
      : undefined;
    const groups = await db
      .selectFrom("group_members as gm")
      .innerJoin("groups as g", "g.id", "gm.group_id")
      .where("gm.member_id", "=", member.id)
      .where("g.active", "=", true)
      .select(["g.name", "gm.role"])
      .orderBy("g.name")
      .execute();
    const current = memberships.length > 1 && partnership.id === actor.partnership.id ? ` ${t("status.current")}` : "";
    blocks.push({
      type: "facts",
      facts: [
        { label: t("status.partnership"), value: `${partnership.name}${current}` },
        { label: t("status.roles"), value: member.roles.length > 0 ? member.roles.map((r) => roleName(r)).join(", ") : t("status.noRoles") },
        ...(organisation ? [{ label: t("status.organisation"), value: organisation.name }] : []),
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

/** Buttons to pick the partnership to act in. */
export function choiceButtons(memberships: Membership[]): Block {
  return {
    type: "buttons",
    buttons: memberships.map((m) => ({ actionId: "chat.choose", label: m.partnership.name, value: m.partnership.id })),
  };
}
