import type { Db } from "../db/database.ts";
import type { AgendaPort } from "../reports/index.ts";
import { insertKeyedAgendaItem } from "./agenda.repository.ts";

/**
 * Lets other capabilities put an item on a group's agenda: on the group's next meeting that starts before
 * `before`, or failing that its next meeting at all. Adding the same key twice does nothing.
 */
export function createAgendaPort(deps: { db: Db; clock: { now(): Date } }): AgendaPort {
  return {
    async addItem(item) {
      const next = await deps.db
        .selectFrom("meetings")
        .select(["id", "starts_at"])
        .where("group_id", "=", item.groupId)
        .where("partnership_id", "=", item.partnershipId)
        .where("status", "in", ["planned", "invited", "moved"])
        .where("starts_at", ">", deps.clock.now())
        .orderBy("starts_at")
        .execute();
      const meeting = next.filter((m) => m.starts_at < item.before).at(-1) ?? next[0];
      if (meeting === undefined) return;
      await insertKeyedAgendaItem(deps.db, { groupId: item.groupId, meetingId: meeting.id, key: item.key, text: item.title.sv, textEn: item.title.en });
    },
  };
}
