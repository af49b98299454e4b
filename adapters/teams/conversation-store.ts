import type { Kysely } from "kysely";
import type { Database } from "../../src/db/database.ts";
import type { Clock } from "../../src/shared/clock.ts";
import type { TeamsConversationTable, TeamsTables } from "./teams.tables.ts";

/** A stored conversation reference: enough to write to the conversation without an inbound activity. */
export interface StoredConversation {
  conversationId: string;
  conversationType: TeamsConversationTable["conversation_type"];
  serviceUrl: string;
  tenantId: string | undefined;
  botId: string;
  teamId: string | undefined;
  userId: string | undefined;
  aadObjectId: string | undefined;
}

/** A stored reference as read back, with when an activity last refreshed it. */
export interface KnownConversation extends StoredConversation {
  updatedAt: Date;
}

/**
 * An unchanged reference is written again at most this often (its `updated_at` orders `latest` and `findPersonal`);
 * and what a process recalls of a reference is read again after as long.
 */
const REFRESH_UNCHANGED_MS = 10 * 60_000;
/** References a process recalls: the conversations it is busy in (a local forgery could name any number). */
const RECALLED = 10_000;

/**
 * How a reference may change. `refresh`: a validated activity or the connector itself says where the conversation
 * lives now. `pin`: an unauthenticated (local) activity: what is stored first stays, and a personal chat is not taken
 * over as another user's, so a forged activity cannot redirect anyone's messages.
 */
export type RememberMode = "refresh" | "pin";

/** Reads and writes the Teams conversation references and user ids. */
export interface ConversationStore {
  /**
   * Inserts or refreshes a conversation reference (keyed by the conversation id without thread suffix). `known` is the
   * row as the caller just read it: what it already says is not written again.
   */
  remember(conversation: StoredConversation, mode?: RememberMode, known?: KnownConversation): Promise<void>;
  /** Remembers a user's Bot Framework id for their AAD object id. */
  rememberUser(user: { aadObjectId: string; userId: string; tenantId: string | undefined }, mode?: RememberMode): Promise<void>;
  find(conversationId: string): Promise<KnownConversation | undefined>;
  /**
   * The reference as this process last read it, when that was less than REFRESH_UNCHANGED_MS ago and it has not
   * written it since (else `find`): every activity needs it, and one read per conversation and ten minutes is enough.
   * It may be older than the table (another process wrote it): what must not be wrong reads `find`.
   */
  recall(conversationId: string): Promise<KnownConversation | undefined>;
  /** The personal chat with a user, by Bot Framework id or AAD object id. */
  findPersonal(userId: string): Promise<StoredConversation | undefined>;
  /** The Bot Framework id (`29:…`) for an AAD object id, if the user was ever seen. */
  findUserId(aadObjectId: string): Promise<string | undefined>;
  /** The most recently seen conversation in a tenant (any tenant when undefined): its service URL and bot id. */
  latest(tenantId?: string): Promise<StoredConversation | undefined>;
}

type Row = TeamsConversationTable & { updated_at: Date };

function toStored(row: Row): KnownConversation {
  return {
    updatedAt: row.updated_at,
    conversationId: row.conversation_id,
    conversationType: row.conversation_type,
    serviceUrl: row.service_url,
    tenantId: row.tenant_id ?? undefined,
    botId: row.bot_id,
    teamId: row.team_id ?? undefined,
    userId: row.user_id ?? undefined,
    aadObjectId: row.aad_object_id ?? undefined,
  };
}

/** Whether the stored reference already says all `given` says (what `given` leaves out, the row keeps). */
function says(known: StoredConversation, given: StoredConversation): boolean {
  const kept = (value: string | undefined, stored: string | undefined) => value === undefined || value === stored;
  return (
    known.serviceUrl === given.serviceUrl &&
    known.botId === given.botId &&
    kept(given.tenantId, known.tenantId) &&
    kept(given.teamId, known.teamId) &&
    kept(given.userId, known.userId) &&
    kept(given.aadObjectId, known.aadObjectId)
  );
}

/** Creates the store over the adapter's own tables. */
export function createConversationStore(db: Kysely<Database>, clock: Clock): ConversationStore {
  const teamsDb = db.withTables<TeamsTables>();
  const conversations = () => teamsDb.selectFrom("teams_conversations").selectAll();
  const recalled = new Map<string, { known: KnownConversation; readAt: number }>();
  async function find(conversationId: string): Promise<KnownConversation | undefined> {
    const row = await conversations().where("conversation_id", "=", conversationId).executeTakeFirst();
    return row === undefined ? undefined : toStored(row as Row);
  }
  /** Whether another personal chat already belongs to this user (by Bot Framework id or AAD object id). */
  async function userHasOtherChat(c: StoredConversation): Promise<boolean> {
    const ids = [c.userId, c.aadObjectId].filter((id) => id !== undefined);
    if (ids.length === 0) return false;
    const row = await conversations()
      .where("conversation_type", "=", "personal")
      .where("conversation_id", "!=", c.conversationId)
      .where((eb) => eb.or([eb("user_id", "in", ids), eb("aad_object_id", "in", ids)]))
      .executeTakeFirst();
    return row !== undefined;
  }

  return {
    remember: async (given, mode = "refresh", known) => {
      if (known !== undefined && (mode === "pin" || (says(known, given) && clock.now().getTime() - known.updatedAt.getTime() < REFRESH_UNCHANGED_MS))) return;
      const c = mode === "pin" && (await userHasOtherChat(given)) ? { ...given, userId: undefined, aadObjectId: undefined } : given;
      const values = {
        conversation_id: c.conversationId,
        conversation_type: c.conversationType,
        service_url: c.serviceUrl,
        tenant_id: c.tenantId ?? null,
        bot_id: c.botId,
        team_id: c.teamId ?? null,
        user_id: c.userId ?? null,
        aad_object_id: c.aadObjectId ?? null,
        updated_at: clock.now(),
      };
      const insert = teamsDb.insertInto("teams_conversations").values(values);
      await (
        mode === "pin"
          ? insert.onConflict((oc) => oc.column("conversation_id").doNothing())
          : insert.onConflict((oc) =>
              oc.column("conversation_id").doUpdateSet((eb) => ({
                service_url: values.service_url,
                bot_id: values.bot_id,
                updated_at: values.updated_at,
                // An activity without these (a card action) must not erase what an earlier one told us.
                tenant_id: eb.fn.coalesce(eb.val(values.tenant_id), eb.ref("teams_conversations.tenant_id")),
                team_id: eb.fn.coalesce(eb.val(values.team_id), eb.ref("teams_conversations.team_id")),
                user_id: eb.fn.coalesce(eb.val(values.user_id), eb.ref("teams_conversations.user_id")),
                aad_object_id: eb.fn.coalesce(eb.val(values.aad_object_id), eb.ref("teams_conversations.aad_object_id")),
              })),
            )
      ).execute();
      // What this process recalled of it is no longer what the table says: the next activity reads it again.
      recalled.delete(c.conversationId);
    },
    rememberUser: async (u, mode = "refresh") => {
      await teamsDb
        .insertInto("teams_users")
        .values({ aad_object_id: u.aadObjectId, user_id: u.userId, tenant_id: u.tenantId ?? null, updated_at: clock.now() })
        .onConflict((oc) =>
          mode === "pin"
            ? oc.column("aad_object_id").doNothing()
            : oc.column("aad_object_id").doUpdateSet({ user_id: u.userId, tenant_id: u.tenantId ?? null, updated_at: clock.now() }),
        )
        .execute();
    },
    find,
    recall: async (conversationId) => {
      const now = clock.now().getTime();
      const kept = recalled.get(conversationId);
      if (kept !== undefined && now - kept.readAt < REFRESH_UNCHANGED_MS) return kept.known;
      const known = await find(conversationId);
      recalled.delete(conversationId);
      if (known !== undefined) {
        if (recalled.size >= RECALLED) recalled.delete(recalled.keys().next().value!);
        recalled.set(conversationId, { known, readAt: now });
      }
      return known;
    },
    findPersonal: async (userId) => {
      const row = await conversations()
        .where("conversation_type", "=", "personal")
        .where((eb) => eb.or([eb("user_id", "=", userId), eb("aad_object_id", "=", userId)]))
        .orderBy("updated_at", "desc")
        .executeTakeFirst();
      return row === undefined ? undefined : toStored(row as Row);
    },
    findUserId: async (aadObjectId) => {
      const row = await teamsDb.selectFrom("teams_users").select("user_id").where("aad_object_id", "=", aadObjectId).executeTakeFirst();
      return row?.user_id;
    },
    latest: async (tenantId) => {
      let query = conversations().orderBy("updated_at", "desc");
      if (tenantId !== undefined) query = query.where("tenant_id", "=", tenantId);
      const row = await query.executeTakeFirst();
      return row === undefined ? undefined : toStored(row as Row);
    },
  };
}
