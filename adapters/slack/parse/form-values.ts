import type { FormValues } from "../../../src/chat/inbound.ts";
import type { ViewState } from "./payloads.ts";

/** Reads `view.state.values` into values by field id (the block id); empty inputs become undefined. */
export function readFormValues(state: ViewState): FormValues {
  const values: FormValues = {};
  for (const [blockId, elements] of Object.entries(state)) {
    const element = Object.values(elements)[0];
    if (element === undefined) continue;
    if (element.selected_options !== undefined) {
      values[blockId] = element.selected_options.map((o) => o.value);
    } else if (element.selected_option !== undefined) {
      values[blockId] = element.selected_option?.value ?? undefined;
    } else if (element.selected_date !== undefined) {
      values[blockId] = element.selected_date ?? undefined;
    } else {
      values[blockId] = element.value ?? undefined;
    }
  }
  return values;
}
