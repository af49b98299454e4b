/**
 * The floor for Teams: a bare Teams SDK app (its own HTTP server, unauthenticated on the loopback address as
 * Samverka is without credentials) that takes message activities and, with BENCH_ANSWER=1, answers each with one
 * message through the Bot Connector at the activity's serviceUrl.
 */
import { App } from "@microsoft/teams.apps";
import { ConsoleLogger } from "@microsoft/teams.common";
import { announce, onStop } from "./target-process.ts";

const answer = process.env.BENCH_ANSWER === "1";
const app = new App({
  clientId: "",
  clientSecret: "",
  tenantId: "",
  dangerouslyAllowUnauthenticatedRequests: true,
  logger: new ConsoleLogger("bare-teams", { level: "error" }),
  telemetry: { agent365: false },
});
app.on("message", async (context) => {
  if (answer) await context.send("status");
});

const port = Number(process.env.PORT);
await app.start(port);
onStop(() => app.stop());
announce(`http://127.0.0.1:${port}`);
