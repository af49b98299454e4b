import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";

const id = z.string().min(1);
const person = z.object({ id: id.optional(), aadObjectId: id.optional() });
// Only what Samverka reads; the Playground itself checks the rest of its schema (version 0.1.1).
const playgroundConfig = z.object({
  currentUser: person.optional(),
  users: z.array(person).default([]),
  team: z.object({ id: id.optional(), channels: z.array(z.object({ id: id.optional() })).default([]) }).optional(),
});

/** Who and where a Playground configuration (`.m365agentsplayground.yml`) lets Samverka talk to. */
export interface PlaygroundCast {
  /** The current user and the other users, by Teams id and AAD object id. */
  users: ReadonlySet<string>;
  /** The team's conversations: its General channel (the team id) and its other channels. */
  teamConversations: string[];
}

export function readPlaygroundConfig(configPath: string): PlaygroundCast {
  const config = playgroundConfig.parse(parse(readFileSync(configPath, "utf8")) ?? {});
  const present = (ids: (string | undefined)[]) => ids.filter((v): v is string => v !== undefined);
  return {
    users: new Set(present([config.currentUser, ...config.users].flatMap((u) => [u?.id, u?.aadObjectId]))),
    teamConversations: present([config.team?.id, ...(config.team?.channels ?? []).map((c) => c.id)]),
  };
}
