import type { CommandContext, Feature } from "../app/feature.ts";
import { noteRequest, type RequestNote } from "../app/unit-of-work.ts";
import type { Db } from "../db/database.ts";
import { toSamverkaError } from "../shared/errors.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import { contactsOf, findMemberships, saveChoice, type Membership } from "./actor.repository.ts";
import { choiceButtons, createBuiltinCommands, notUnderstoodMessage } from "./builtin-replies.ts";
import type { ChatPort, Platform, PlatformUser } from "./chat-port.ts";
import { createCommandRegistry, type CommandRegistry } from "./command-registry.ts";
import { chatMessages } from "./chat.messages.ts";
import type { FormResult, InboundEvent, InboundHandler, Reply, ReplyPort } from "./inbound.ts";
import { localeOfUser } from "./member-locale.ts";
import { textMessage } from "./message.ts";
import { createReply, ReplyFailedError } from "./reply.ts";
import { resolveActor } from "./resolve-actor.ts";
import { sendUnsentAnswer } from "./unsent-answer.ts";

export interface ChatRouterDeps {
  db: Db;
  chats: ReadonlyMap<Platform, ChatPort>;
  features: readonly Feature[];
  logger: Logger;
  /** Language for people we cannot resolve to a member. */
  defaultLocale: Locale;
  /** The app was added to a channel or chat (by its id as a partnership file writes it): what waited for it can go. */
  onInstalled?: (platform: Platform, channelId: string) => Promise<void>;
}

/** Routes every inbound event: resolves the member, then built-in commands, then the features. */
export function createChatRouter(deps: ChatRouterDeps): InboundHandler {
  // The memberships resolved for each event being routed, so a command that lists them does not look them up again.
  const resolved = new WeakMap<InboundEvent, Membership[]>();
  const membershipsOf = (event: InboundEvent) => Promise.resolve(resolved.get(event) ?? (event.user === undefined ? [] : findMemberships(deps.db, event.user)));
  const commands: CommandRegistry = createCommandRegistry([
    ...createBuiltinCommands(deps.db, () => commands, membershipsOf),
    ...deps.features.flatMap((f) => f.commands ?? []),
  ]);
  const actions = deps.features.flatMap((f) => f.actions ?? []).sort((a, b) => b.prefix.length - a.prefix.length);
  const forms = deps.features.flatMap((f) => f.forms ?? []).sort((a, b) => b.prefix.length - a.prefix.length);
  const directMessages = deps.features.flatMap((f) => f.directMessages ?? []);

  async function route(event: InboundEvent, port: ReplyPort, seen: { locale: Locale }, note: RequestNote): Promise<FormResult | void> {
    if (event.type === "installed") {
      if (event.direct) {
        const locale = await localeOfUser(deps.db, event.user, deps.defaultLocale);
        await createReply(port, locale).say(textMessage(createTranslator(chatMessages, locale)("welcome")));
      }
      for (const chat of deps.chats.values()) {
        const channelId = chat.channelIdOf(event.conversation);
        if (channelId !== undefined) await deps.onInstalled?.(chat.platform, channelId);
      }
      return;
    }
    const chat = deps.chats.get(event.user.platform);
    if (chat === undefined) return;
    const resolution = await resolveActor(deps.db, chat, event.user, event.conversation);
    if (resolution.kind === "outsider") {
      // Someone we do not know yet is answered in the language of the command they wrote (`help` → English).
      const locale = event.type === "command" || event.type === "message" ? (commands.localeOf(event.text) ?? deps.defaultLocale) : deps.defaultLocale;
      await createReply(port, locale).whisper(await outsiderMessage(resolution.channelPartnerships, locale));
      return event.type === "form" ? { ok: false, errors: { "": createTranslator(chatMessages, locale)("notMember.title") } } : undefined;
    }
    if (resolution.kind === "choose") {
      const locale = resolution.memberships[0]!.member.locale;
      const reply = createReply(port, locale);
      if (event.type === "action" && event.actionId === "chat.choose") return choose(event.user, event.value, resolution.memberships, reply);
      const t = createTranslator(chatMessages, locale);
      await reply.whisper({
        text: t("choose.title"),
        blocks: [{ type: "heading", text: t("choose.title") }, { type: "text", text: t("choose.body") }, choiceButtons(resolution.memberships)],
      });
      return;
    }
    const { actor, memberships } = resolution;
    resolved.set(event, memberships);
    seen.locale = actor.locale;
    note.memberId = actor.member.id;
    const reply = createReply(port, actor.locale);
    switch (event.type) {
      case "command":
      case "message":
        return routeText({ event, actor, reply, args: "" });
      case "action": {
        if (event.actionId === "chat.choose") return choose(event.user, event.value, memberships, reply);
        const handler = actions.find((a) => event.actionId.startsWith(a.prefix));
        if (handler === undefined) {
          deps.logger.warn({ actionId: event.actionId }, "no handler for action");
          return;
        }
        return handler.run({ event, actor, reply });
      }
      case "form": {
        const handler = forms.find((f) => event.formId.startsWith(f.prefix));
        if (handler === undefined) {
          deps.logger.warn({ formId: event.formId }, "no handler for form");
          return { ok: true };
        }
        return handler.submit({ event, actor, reply });
      }
    }
  }

  async function routeText(ctx: CommandContext): Promise<void> {
    const text = ctx.event.text.trim();
    if (ctx.event.type === "message" && ctx.event.direct) {
      for (const handle of directMessages) if (await handle({ ...ctx, args: text })) return;
    }
    const [first = "", ...rest] = text.split(/\s+/);
    const word = first.toLowerCase();
    const command = commands.find(word);
    if (command === undefined) {
      deps.logger.debug({ length: text.length }, "text not understood, offering the nearest commands");
      return void (await ctx.reply.whisper(notUnderstoodMessage(commands, ctx.actor, word)));
    }
    if (!commands.allows(command, ctx.actor.member)) return ctx.reply.whisper(textMessage(createTranslator(chatMessages, ctx.actor.locale)("error.forbidden")));
    return command.run({ ...ctx, args: rest.join(" ") });
  }

  async function choose(user: PlatformUser, partnershipId: string, memberships: Membership[], reply: Reply): Promise<void> {
    const chosen = memberships.find((m) => m.partnership.id === partnershipId);
    if (chosen === undefined) return;
    await saveChoice(deps.db, user, partnershipId);
    await reply.updateSource(textMessage(createTranslator(chatMessages, chosen.member.locale)("choose.done", { partnership: chosen.partnership.name })));
  }

  async function outsiderMessage(channelPartnerships: { id: string; name: string }[], locale: Locale) {
    const t = createTranslator(chatMessages, locale);
    const contacts = await contactsOf(
      deps.db,
      channelPartnerships.map((p) => p.id),
    );
    const ask =
      contacts.length > 0 && channelPartnerships.length > 0
        ? t("notMember.askAdmins", { admins: contacts.join(", "), partnership: channelPartnerships.map((p) => p.name).join(", ") })
        : t("notMember.askGeneric");
    return textMessage(t("notMember.title"), ask);
  }

  return {
    handle: (event, port) => noteRequest((note) => handle(event, port, note)),
  };

  async function handle(event: InboundEvent, port: ReplyPort, note: RequestNote): Promise<FormResult | void> {
    const seen = { locale: deps.defaultLocale };
    try {
      return await route(event, port, seen, note);
    } catch (error) {
      // Done is done: an answer that failed after the change committed reaches the person another way, never as "it failed".
      if (error instanceof ReplyFailedError && (await sendUnsentAnswer(note, error, event.delivery, deps.logger))) {
        return event.type === "form" ? { ok: true } : undefined;
      }
      const err = toSamverkaError(error);
      deps.logger.error({ err: error, code: err.code, event: event.type }, "inbound event failed");
      const t = createTranslator(chatMessages, seen.locale);
      const message = err.code === "forbidden" ? t("error.forbidden") : t("error.generic");
      await createReply(port, seen.locale)
        .whisper(textMessage(message))
        .catch((e: unknown) => deps.logger.error({ err: e }, "could not tell the user about the failure"));
      return event.type === "form" ? { ok: false, errors: { "": message } } : undefined;
    }
  }
}
