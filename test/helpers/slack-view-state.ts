/** The element state Slack sends in `view.state.values` for `value` typed into (or picked in) `element`. */
export function elementState(element: { type: string }, value: string | string[] | undefined): Record<string, unknown> {
  const one = Array.isArray(value) ? value[0] : value;
  const many = value === undefined ? [] : Array.isArray(value) ? value : [value];
  switch (element.type) {
    case "datepicker":
      return { type: element.type, selected_date: one ?? null };
    case "static_select":
    case "radio_buttons":
      return { type: element.type, selected_option: one === undefined ? null : { value: one, text: { type: "plain_text", text: one } } };
    case "checkboxes":
    case "multi_static_select":
      return { type: element.type, selected_options: many.map((v) => ({ value: v, text: { type: "plain_text", text: v } })) };
    default:
      return { type: element.type, value: one ?? null };
  }
}
