import { createTranslator, type Catalogue, type Translate } from "../shared/i18n.ts";
import type { LocalizedText } from "./form-definition.ts";

/** A capability's texts in both languages, for its form definitions (labels, help, choices). */
export interface BothLanguages<K extends string> {
  /** The catalogue entry `key` in Swedish and English. */
  both: (key: K, params?: Parameters<Translate<K>>[1]) => LocalizedText;
  /** Any text made with the catalogue, in Swedish and English (dates and times in `timeZone`). */
  inBoth: (text: (t: Translate<K>) => string, timeZone?: string) => LocalizedText;
}

export function bothLanguages<K extends string>(catalogue: Catalogue<K>): BothLanguages<K> {
  const sv = createTranslator(catalogue, "sv");
  const en = createTranslator(catalogue, "en");
  const inBoth = (text: (t: Translate<K>) => string, timeZone?: string): LocalizedText =>
    timeZone === undefined
      ? { sv: text(sv), en: text(en) }
      : { sv: text(createTranslator(catalogue, "sv", timeZone)), en: text(createTranslator(catalogue, "en", timeZone)) };
  return { inBoth, both: (key, params) => inBoth((t) => t(key, params)) };
}
