import type { CommandHandler } from "../app/feature.ts";

/** Longest word compared: a pasted paragraph is not a mistyped command. */
const LONGEST_WORD = 20;

/**
 * The command word a mistyped word most likely meant ("kalnatt" → "kallnatt", "stauts" → "status"), if any is
 * close enough: one edit for words of up to four letters, two for longer ones (a swap of neighbours is one edit).
 */
export function suggestCommand(word: string, commands: readonly string[]): string | undefined {
  if (word.length < 2 || word.length > LONGEST_WORD) return undefined;
  const allowed = word.length <= 4 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const command of commands) {
    const distance = editDistance(word, command);
    if (distance > 0 && distance <= allowed && (best === undefined || distance < best.distance)) best = { word: command, distance };
  }
  return best?.word;
}

/** The `count` commands whose words are nearest to `word` (registration order breaks ties), for "did you mean one of these". */
export function nearestCommands(word: string, commands: readonly CommandHandler[], count: number): CommandHandler[] {
  const probe = word.slice(0, LONGEST_WORD);
  const distanceOf = (c: CommandHandler) => Math.min(...[...c.words.sv, ...c.words.en].map((w) => editDistance(probe, w)));
  return commands
    .map((command, index) => ({ command, index, distance: distanceOf(command) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, count)
    .map((r) => r.command);
}

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, one each.
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
