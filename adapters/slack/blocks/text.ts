/** Escapes the three characters Slack's mrkdwn treats as control (links, mentions); the rest is shown as typed. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts `text` to Slack's limit for a field, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A plain_text object within `max` characters. */
export function plain(text: string, max = 2000): { type: "plain_text"; text: string; emoji: true } {
  return { type: "plain_text", text: truncate(text, max), emoji: true };
}

/** A mrkdwn object with escaped text, within `max` characters. */
export function mrkdwn(text: string, max = 3000): { type: "mrkdwn"; text: string } {
  return { type: "mrkdwn", text: truncate(escapeMrkdwn(text), max) };
}
