// Slack refuses a message whose elements share an action_id, but the core may render several buttons with the same
// actionId (one per answer, told apart by value). Each element gets a `~<n>` suffix that the parser removes again.
const SUFFIX = /~\d+$/;

/** The unique action_id for the `index`-th element of a message. */
export function toSlackActionId(actionId: string, index: number): string {
  return `${actionId}~${index}`;
}

/** The core's actionId from a Slack action_id. */
export function fromSlackActionId(slackActionId: string): string {
  return slackActionId.replace(SUFFIX, "");
}
