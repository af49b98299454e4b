import { writeFile } from "node:fs/promises";
import type { CliCommand, CliContext } from "../app/cli-command.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import { eraseMember, exportMemberData, resolveMember, type ForgetPlatformUsers } from "./member-data.ts";
import { privacyMessages } from "./privacy.messages.ts";

/** `samverka member export|erase <id>`: a member's right of access and right to erasure (GDPR art. 15 and 17). */
export function createMemberCommands(locale: Locale, forget: readonly ForgetPlatformUsers[]): CliCommand[] {
  const t = createTranslator(privacyMessages, locale);
  const find = async (args: string[], ctx: CliContext) => {
    const id = args.find((a) => !a.startsWith("--"));
    if (id === undefined) {
      ctx.err(t("cli.usage"));
      return undefined;
    }
    const member = await resolveMember(ctx.db, id);
    if (member === undefined) ctx.err(t("cli.unknown", { id }));
    return member;
  };
  return [
    {
      name: ["member", "export"],
      usage: "samverka member export ID [--out FILE]",
      summary: "exporterar allt Samverka har om en medlem (JSON) / exports everything Samverka keeps about a member",
      async run(args, ctx) {
        const member = await find(
          args.filter((a, i) => args[i - 1] !== "--out"),
          ctx,
        );
        if (member === undefined) return 2;
        const data = JSON.stringify(await exportMemberData(ctx.db, member.id), null, 2);
        const outAt = args.indexOf("--out");
        const file = outAt === -1 ? undefined : args[outAt + 1];
        if (file === undefined) ctx.out(data);
        else {
          await writeFile(file, `${data}\n`, { mode: 0o600 });
          ctx.err(t("cli.exported", { name: member.displayName, file }));
        }
        await ctx.db
          .insertInto("audit_events")
          .values({
            partnership_id: member.partnershipId,
            actor_member_id: null,
            action: "member.exported",
            subject_type: "member",
            subject_id: member.id,
            details: JSON.stringify({}),
            at: ctx.clock.now(),
          })
          .execute();
        return 0;
      },
    },
    {
      name: ["member", "erase"],
      usage: "samverka member erase ID [--yes]",
      summary: "raderar en medlems uppgifter, behåller räkningar och ersätter namnet med rollen / erases a member, keeping counts",
      async run(args, ctx) {
        const member = await find(args, ctx);
        if (member === undefined) return 2;
        if (!args.includes("--yes")) {
          ctx.err(t("cli.eraseAsk", { name: member.displayName }));
          return 1;
        }
        const { replacedBy, counts } = await eraseMember(ctx.db, member.id, { now: ctx.clock.now(), forget });
        ctx.out(t("cli.erased", { name: member.displayName, replacedBy }));
        for (const [what, n] of Object.entries(counts)) ctx.out(`  ${what}: ${n}`);
        ctx.err(t("cli.reimport"));
        return 0;
      },
    },
  ];
}
