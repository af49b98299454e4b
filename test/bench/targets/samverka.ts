/**
 * Samverka as the bench runs it: the REAL composition root (startApp) in its own process, configured only through
 * the environment the bench gives it, with the playground and the example seed off. Tells its parent its URL over
 * IPC, answers "memory" with process.memoryUsage() (what the resident size is made of), and closes gracefully on
 * SIGTERM.
 */
import { loadConfig } from "../../../src/config.ts";
import { startApp } from "../../../src/main.ts";
import { announce, onStop } from "./target-process.ts";

const app = await startApp(loadConfig(process.env), { playground: false, seedExample: false });
process.on("message", (message: { type?: string }) => {
  if (message.type === "memory") process.send?.({ type: "memory", usage: process.memoryUsage() });
});
onStop(() => app.close());
announce(app.url);
