/** Reading Adaptive Cards the bot sent, as the Playground's log panel shows them (what its buttons carry). */

/** An Action.Execute as it travels in an adaptiveCard/action invoke. */
export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data: Record<string, unknown>;
}

function* actionsIn(node: unknown): Generator<CardAction> {
  if (Array.isArray(node)) {
    for (const item of node) yield* actionsIn(item);
  } else if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    if (record.type === "Action.Execute" && typeof record.title === "string") yield record as unknown as CardAction;
    for (const value of Object.values(record)) yield* actionsIn(value);
  }
}

/** The button titled `title` (or starting with it) anywhere in an activity or invoke response. */
export function cardAction(json: Record<string, unknown>, title: string): CardAction {
  const action = [...actionsIn(json)].find((a) => a.title === title || a.title.startsWith(title));
  if (action === undefined) throw new Error(`no button "${title}" in ${JSON.stringify(json).slice(0, 600)}`);
  return { type: action.type, title: action.title, ...(action.verb === undefined ? {} : { verb: action.verb }), data: action.data };
}

/** A form card's submit button (its data names the form), with `inputs` filled in as the card would send them. */
export function formSubmit(json: Record<string, unknown>, inputs: Record<string, string>): CardAction {
  const action = [...actionsIn(json)].find((a) => a.data?.samverka === "form");
  if (action === undefined) throw new Error(`no form in ${JSON.stringify(json).slice(0, 600)}`);
  const fields = Object.fromEntries(Object.entries(inputs).map(([id, value]) => [`field.${id}`, value]));
  return { type: action.type, title: action.title, ...(action.verb === undefined ? {} : { verb: action.verb }), data: { ...action.data, ...fields } };
}
