import { createChatRouter } from "../../src/chat/router.ts";
import { silentLogger } from "../../src/shared/logger.ts";
import { createRecordingChat } from "../helpers/recording-chat.ts";
import { seedPartnership } from "../helpers/seed.ts";
import { createTestDatabase } from "../helpers/test-database.ts";
import { heapMiB, percentile, timeMs, type Bench } from "./bench.ts";

const COMMANDS = 2000;
const TARGET_P95_MS = 25;
const TARGET_HEAP_GROWTH_MIB = 30;

/** A member's command through identity resolution and routing to the reply, on a real database. */
export const routerBench: Bench = {
  name: "chat router: status command",
  target: `p95 < ${TARGET_P95_MS} ms per command, heap growth < ${TARGET_HEAP_GROWTH_MIB} MiB over ${COMMANDS} commands`,
  async run() {
    const t = await createTestDatabase();
    try {
      const members = Array.from({ length: 200 }, (_, i) => ({ key: `m${i}`, name: `Medlem ${i}`, roles: ["coordinator"], slack: `U${i}` }));
      await seedPartnership(t.db, "bench", members, [{ platform: "slack", conversation: "CBENCH" }]);
      const chat = createRecordingChat("slack");
      const router = createChatRouter({ db: t.db, chats: new Map([["slack", chat]]), features: [], logger: silentLogger, defaultLocale: "sv" });
      const reply = { say: async () => "ref", whisper: async () => undefined, updateSource: async () => undefined, openForm: async () => undefined };
      const heapBefore = heapMiB();
      const times: number[] = [];
      for (let i = 0; i < COMMANDS; i++) {
        const event = { type: "command" as const, user: { platform: "slack" as const, userId: `U${i % 200}` }, conversation: "slack:CBENCH", text: "status" };
        times.push(await timeMs(() => router.handle(event, reply)));
      }
      const growth = heapMiB() - heapBefore;
      const p95 = percentile(times, 95);
      return {
        measured: `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, heap growth ${growth.toFixed(1)} MiB`,
        ok: p95 < TARGET_P95_MS && growth < TARGET_HEAP_GROWTH_MIB,
      };
    } finally {
      await t.drop();
    }
  },
};
