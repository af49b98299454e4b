import { readPlaygroundConfig } from "./playground-config.ts";
import type { Logger } from "../../src/shared/logger.ts";

/**
 * Installs the bot in the playground's team, as "Add to a team" does in Teams: the playground sends the bot its
 * installationUpdate and conversationUpdate for each channel, so Samverka knows the channels and can post cold-night
 * cards there (and open chats with the playground's users) before anyone has written in them.
 */
export async function installInPlaygroundTeam(playgroundUrl: string, configPath: string, logger: Logger): Promise<string[]> {
  const base = playgroundUrl.replace("localhost", "127.0.0.1");
  const installed: string[] = [];
  for (const conversation of readPlaygroundConfig(configPath).teamConversations) {
    try {
      const res = await fetch(`${base}/_debug/conversation/${encodeURIComponent(conversation)}/installation`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) throw new Error(`the playground answered HTTP ${res.status}`);
      installed.push(conversation);
    } catch (error) {
      logger.warn({ err: error, conversation }, "could not install Samverka in the playground's team channel; write to it there once instead");
    }
  }
  return installed;
}
