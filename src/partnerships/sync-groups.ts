import type { Db } from "../db/database.ts";
import type { ChangeSummary } from "./change-summary.ts";
import type { GroupInFile } from "./group-settings.schema.ts";
import { deactivateRows, planLinks, syncKeyed } from "./keyed-sync.ts";
import type { ChannelInFile } from "./operations.schema.ts";
import type { PartnershipFile } from "./partnership-file.schema.ts";

/** The table columns of a group in the file. */
function groupColumns(g: GroupInFile) {
  return {
    kind: g.kind,
    name: g.name,
    cadence_kind: g.cadence.atLeastEveryMonths === undefined ? ("term" as const) : ("months" as const),
    cadence_months: g.cadence.atLeastEveryMonths ?? null,
    meeting_settings: g.meetings,
    active: true,
  };
}

/** Brings groups, their members and the channels in line with the file; returns group key → id. */
export async function syncGroups(trx: Db, file: PartnershipFile, members: Map<string, string>, summary: ChangeSummary): Promise<Map<string, string>> {
  const stored = (g: GroupInFile) => ({ ...groupColumns(g), meeting_settings: JSON.stringify(g.meetings) });
  const groups = await syncKeyed(
    await trx.selectFrom("groups").selectAll().where("partnership_id", "=", file.id).execute(),
    file.groups,
    {
      columns: groupColumns,
      insert: async (g) =>
        (
          await trx
            .insertInto("groups")
            .values({ partnership_id: file.id, key: g.key, ...stored(g) })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      update: async (row, g) => {
        await trx.updateTable("groups").set(stored(g)).where("id", "=", row.id).execute();
      },
      deactivate: (rows) => deactivateRows(trx, "groups", rows),
    },
    summary.groups,
  );
  await syncGroupMembers(trx, file, groups, members, summary);
  await syncChannels(trx, file, groups, summary);
  return groups;
}

// The seats of the file's groups; a deactivated group keeps the seats it had, as history.
async function syncGroupMembers(
  trx: Db,
  file: PartnershipFile,
  groups: Map<string, string>,
  members: Map<string, string>,
  summary: ChangeSummary,
): Promise<void> {
  const groupIds = [...groups.values()];
  if (groupIds.length === 0) return;
  const existing = await trx.selectFrom("group_members").selectAll().where("group_id", "in", groupIds).execute();
  const wanted = file.groups.flatMap((g) =>
    g.members.map((gm) => ({ group_id: groups.get(g.key) ?? "", member_id: members.get(gm.member) ?? "", role: gm.role })),
  );
  const { remove, add } = planLinks(existing, wanted, (s) => `${s.group_id} ${s.member_id} ${s.role}`);
  for (const seat of remove) {
    await trx.deleteFrom("group_members").where("group_id", "=", seat.group_id).where("member_id", "=", seat.member_id).execute();
  }
  if (add.length > 0) await trx.insertInto("group_members").values(add).execute();
  summary.groupMembers.removed += remove.length;
  summary.groupMembers.created += add.length;
}

/** A channel is named by platform, conversation and purpose. */
function channelKey(c: { platform: string; conversation: string; purpose: string }): string {
  return `${c.platform} ${c.conversation} ${c.purpose}`;
}

async function syncChannels(trx: Db, file: PartnershipFile, groups: Map<string, string>, summary: ChangeSummary): Promise<void> {
  const rows = await trx.selectFrom("channels").selectAll().where("partnership_id", "=", file.id).execute();
  const groupId = (c: ChannelInFile) => (c.group === undefined ? null : (groups.get(c.group) ?? null));
  await syncKeyed(
    rows.map((r) => ({ ...r, key: channelKey(r) })),
    file.channels.map((c) => ({ ...c, key: channelKey(c) })),
    {
      columns: (c) => ({ group_id: groupId(c), active: true }),
      insert: async (c) =>
        (
          await trx
            .insertInto("channels")
            .values({ partnership_id: file.id, platform: c.platform, conversation: c.conversation, purpose: c.purpose, group_id: groupId(c) })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      update: async (row, c) => {
        await trx
          .updateTable("channels")
          .set({ group_id: groupId(c), active: true })
          .where("id", "=", row.id)
          .execute();
      },
      deactivate: (rows) => deactivateRows(trx, "channels", rows),
    },
    summary.channels,
  );
}
