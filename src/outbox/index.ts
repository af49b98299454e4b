export type { Audience, OutboxContent, OutboxJobRef, OutboxQueue, OutboxRecord, OutboxRenderer, RenderContext } from "./outbox.ts";
export { defineRenderer } from "./outbox.ts";
export { createOutboxWriter, REFRESH_DEBOUNCE_MS, type OutboxWriterDeps } from "./outbox-writer.ts";
export { createOutboxDelivery, type DeliverOutbox, type OutboxDeliveryDeps } from "./deliver-outbox.ts";
export { createFailureNoticeRenderer } from "./failure-notice.ts";
export { releaseOnInstall } from "./waiting-notice.ts";
export { createPacer, type Pacer } from "./pacing.ts";
export { reconcileOutbox, type OutboxReconcileResult } from "./reconcile-outbox.ts";
