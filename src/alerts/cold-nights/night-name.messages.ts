import type { Catalogue } from "../../shared/i18n.ts";

/** How a night is said: Swedish by the morning it ends in, English by the evening it starts on. */
export const nightMessages: Catalogue<"night"> = {
  sv: { night: "natten mot {day}" },
  en: { night: "the night of {day}" },
};
