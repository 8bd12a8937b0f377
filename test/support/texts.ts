import { labels } from "../../locales/index.js";
import type { Language } from "../../core/shared/roles.js";

/** What a user reads for a locale key: the translation with HTML tags and entities resolved. */
export function shown(language: Language, key: string, params: Record<string, string | number> = {}): string {
  return labels(language)(key, params);
}
