import type { Kysely } from "kysely";
import type { FormView } from "../../../src/chat/message.ts";
import type { Database } from "../../../src/db/database.ts";
import type { FormMetadata } from "../blocks/form-metadata.ts";
import type { SlackTables } from "../slack.tables.ts";

/** The actionId of the adapter's own "open the form" button; its value is the pending form's id. */
export const OPEN_FORM_ACTION = "slack.open-form";

/** Where a form was asked for (everything a modal carries but the core's state). */
export type FormOrigin = Omit<FormMetadata, "state">;

/** A form kept until its user clicks the button that opens it. */
export interface PendingForm {
  form: FormView;
  origin: FormOrigin;
}

/** Forms waiting for the click that gives Slack's trigger id, in the database so a restart loses none. */
export interface PendingForms {
  /** Keeps the form for `userId`; returns the id the button carries. */
  save(userId: string, pending: PendingForm): Promise<string>;
  /** The form behind `id`, when it is `userId`'s. Kept after opening, so a closed modal can be opened again. */
  find(id: string, userId: string): Promise<PendingForm | undefined>;
  /** Forgets forms asked for before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Pending forms in the `slack_pending_forms` table. */
export function createPendingForms(db: Kysely<Database>): PendingForms {
  const slackDb = db.withTables<SlackTables>();
  return {
    async save(userId, pending) {
      const row = await slackDb
        .insertInto("slack_pending_forms")
        .values({ user_id: userId, form: JSON.stringify(pending.form), origin: JSON.stringify(pending.origin) })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async find(id, userId) {
      if (!UUID.test(id)) return undefined;
      const row = await slackDb
        .selectFrom("slack_pending_forms")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .select(["form", "origin"])
        .executeTakeFirst();
      // Written by save above from the core's FormView: trusted, not re-validated.
      return row === undefined ? undefined : { form: row.form as unknown as FormView, origin: row.origin as unknown as FormOrigin };
    },
    async purge(before) {
      const deleted = await slackDb.deleteFrom("slack_pending_forms").where("created_at", "<", before).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
