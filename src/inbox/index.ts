export type { Inbox, InboxEntry, InboxProcessor, InboxReceipt } from "./inbox.ts";
export { createInbox, INBOX_TOO_OLD_MS, type InboxDeps, type RunningInbox } from "./create-inbox.ts";
export { purgeInbox, releaseStaleInboxClaims } from "./inbox.repository.ts";
