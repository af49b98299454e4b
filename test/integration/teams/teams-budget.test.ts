import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundHandler } from "../../../src/chat/inbound.ts";
import { createReply } from "../../../src/chat/reply.ts";
import { textMessage } from "../../../src/chat/message.ts";
import { startTeamsAdapterServer, type TeamsAdapterServer } from "../../helpers/teams-adapter-server.ts";
import type { TeamsDriver } from "../../helpers/teams-driver.ts";

describe("a slow answer to a Teams card action", () => {
  let world: TeamsAdapterServer;
  let driver: TeamsDriver;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const handler: InboundHandler = {
    async handle(event, port) {
      const reply = createReply(port, "sv");
      if (event.type === "message") {
        await reply.say({ text: "Välj", blocks: [{ type: "buttons", buttons: [{ actionId: "slow.pick", label: "Ta platsen", value: "1" }] }] });
        return;
      }
      if (event.type === "action") {
        // Held until the test has seen the early answer, so the order is certain.
        await gate;
        await reply.updateSource(textMessage("Platsen är din"));
      }
    },
  };

  beforeAll(async () => {
    world = await startTeamsAdapterServer({ handler, budget: { invokeMs: 50 } });
    driver = world.driver;
  });
  afterAll(async () => {
    open();
    await world?.close();
  });

  it("answers the invoke at once with a message, then replaces the card when the work is done", async () => {
    const user = { userId: "29:sara", aadObjectId: "aad-sara" };
    await driver.message(user, "hej");
    const card = await driver.waitFor((i) => i.buttons.length > 0);
    const { body } = await driver.post({
      type: "invoke",
      name: "adaptiveCard/action",
      from: { id: user.userId, aadObjectId: user.aadObjectId },
      conversation: { id: driver.personalChat(user), conversationType: "personal" },
      replyToId: card.messageId,
      value: { action: { type: "Action.Execute", verb: "slow.pick", data: { samverka: "action", actionId: "slow.pick", value: "1" } }, trigger: "manual" },
    });
    expect(body).toMatchObject({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
      value: expect.stringContaining("tar en stund") as unknown,
    });
    expect(driver.sent().some((i) => i.kind === "update")).toBe(false);
    open();
    const update = await driver.waitFor((i) => i.kind === "update" && i.text.includes("Platsen är din"));
    expect(update.messageId).toBe(card.messageId);
  });
});
