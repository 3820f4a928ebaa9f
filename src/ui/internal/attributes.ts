import { isEnvironment, isIdLike } from '../../transport/config-check.js';
import { transportFor } from '../../transport/registry.js';
import { en, loadStrings, loadedStrings, matchLanguage, type GuestChatStrings } from '../strings/index.js';
import type { UiState } from './chat-host.js';
import { plainMap } from './plain-map.js';
import { transportKind, type SessionConfig } from './session-factory.js';
import type { DevWarnings } from './warnings.js';

/** Where the launcher can sit. */
export const POSITIONS = ['bottom-right', 'bottom-left'] as const;
export type GuestChatPosition = (typeof POSITIONS)[number];

/** One field of the pre-chat form besides the name. */
export interface FieldSpec {
  key: string;
  label: string;
}

const BUILT_IN_FIELDS = ['email', 'subject'];

/** Reads `custom-fields` JSON; a malformed value is kept as the raw string and reported when it is used. */
export const jsonConverter = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return {};
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  },
};

/** The `position` attribute when it names one, else `bottom-right` (with a warning). */
export function positionOf(value: string, warnings: DevWarnings): GuestChatPosition {
  if ((POSITIONS as readonly string[]).includes(value)) return value as GuestChatPosition;
  warnings.warn(`position:${value}`, 'position', value);
  return 'bottom-right';
}

/** The fields the `fields` attribute asks for; a token that is none is left out (with a warning). */
export function parseFields(fields: string, s: GuestChatStrings, warnings: DevWarnings): FieldSpec[] {
  const specs: FieldSpec[] = [];
  for (const token of fields
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [rawKey, ...rest] = token.split(':');
    const key = rawKey.trim();
    const label = rest.join(':').trim();
    if (BUILT_IN_FIELDS.includes(key) && !label) specs.push({ key, label: s[key as 'email' | 'subject'] });
    else if (key !== 'name' && /^[A-Za-z][\w.-]*$/.test(key) && label) specs.push({ key, label });
    else if (key !== 'name') warnings.warn(`fields:${token}`, 'fields', token);
  }
  return specs;
}

/** The `custom-fields` values as strings; what is not an object of strings is left out (with a warning). */
export function parseCustomFields(value: unknown, warnings: DevWarnings): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    warnings.warn('custom-fields', 'customFields');
    return {};
  }
  const result = plainMap<string>();
  for (const [key, item] of Object.entries(value)) {
    if (['string', 'number', 'boolean'].includes(typeof item)) result[key] = String(item);
    else warnings.warn(`custom-fields:${key}`, 'customField', key);
  }
  return result;
}

/** The language to show: `lang` when it names one (else a warning), the page's, or English. */
function languageOf(element: HTMLElement, lang: string, warnings: DevWarnings): string {
  const requested = lang.trim();
  const language = requested ? matchLanguage(requested) : null;
  if (requested && !language) warnings.warn(`lang:${requested}`, 'lang', requested);
  return (
    language ??
    matchLanguage(
      element.closest<HTMLElement>('[lang]')?.lang || document.documentElement.lang || navigator.language,
    ) ??
    'en'
  );
}

/**
 * Sets the language and strings `ui` shows from the element's `lang` and `strings`. Until a language's file arrives
 * it shows in English; then `loaded` runs, so the element renders again in it.
 */
export function resolveStrings(
  element: HTMLElement & { lang: string; strings: Partial<GuestChatStrings> },
  ui: UiState,
  warnings: DevWarnings,
  loaded: () => void,
): void {
  const language = languageOf(element, element.lang, warnings);
  const strings = loadedStrings(language);
  ui.language = language;
  ui.s = { ...(strings ?? en), ...element.strings };
  if (!strings) {
    void loadStrings(language).then(() => {
      if (ui.language !== language) return;
      resolveStrings(element, ui, warnings, loaded);
      loaded();
    });
  }
}

/** What the element's attributes say about where to chat, trimmed. */
export interface ConfigAttributes {
  transport: string;
  environment: string;
  organizationId: string;
  deploymentId: string;
  queue: string;
}

/** The attributes a chat still needs on `values`' protocol. */
export function missingConfig(values: ConfigAttributes): string[] {
  return transportFor(values.transport)
    .required.filter(([key]) => !values[key].trim())
    .map(([, attribute]) => attribute);
}

/**
 * The configuration to chat with, or null while it is incomplete or unusable: an `environment` that is neither a host
 * name nor an `http(s)` origin, or ids with characters no id has (they go into URL paths, where `..` or `/` would
 * change the address). Each unusable value is warned about.
 */
export function configOf(values: ConfigAttributes, warnings: DevWarnings): SessionConfig | null {
  if (missingConfig(values).length) return null;
  const config: SessionConfig = {
    transport: transportKind(values.transport),
    environment: values.environment.trim(),
    organizationId: values.organizationId.trim(),
    deploymentId: values.deploymentId.trim(),
    queue: values.queue.trim(),
  };
  let usable = isEnvironment(config.environment);
  if (!usable) warnings.warn(`environment:${config.environment}`, 'environment', config.environment);
  for (const [key, attribute] of [
    ['deploymentId', 'deployment-id'],
    ['organizationId', 'organization-id'],
  ] as const) {
    const value = config[key];
    if (value && !isIdLike(value)) {
      usable = false;
      warnings.warn(`${attribute}:${value}`, 'id', attribute, value);
    }
  }
  return usable ? config : null;
}
