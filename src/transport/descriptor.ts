import type { EnvOptions } from './env.js';
import type { ChatTransport } from './types.js';

/** Where a chat is to take place, as the element's attributes say. */
export interface TransportConfig {
  environment: string;
  organizationId: string;
  deploymentId: string;
  queue: string;
}

/**
 * A configuration with the injectables and timings a test may tune; each protocol reads what it knows and leaves the
 * rest (Guest Chat its heartbeat, Web Messaging its echo and rate limit).
 */
export type TransportOptions = TransportConfig &
  EnvOptions & { heartbeatIntervalMs?: number; echoIntervalMs?: number; rateLimitPerSecond?: number };

/**
 * What the element and the session know of a protocol before its code is fetched. Kept tiny: every descriptor is in
 * the element's always-loaded file, and the protocol's own code stays in a file of its own until `load()`.
 */
export interface TransportDescriptor {
  /** The `transport` attribute's value that picks it. */
  kind: string;
  /** The configuration a chat cannot start without, each with the attribute that sets it. */
  required: readonly (readonly [keyof TransportConfig, string])[];
  /**
   * Where its chat is kept to be resumed (under `<kind>:<deployment-id>`): a chat that belongs to the tab in
   * `sessionStorage`, one that belongs to the visitor (every tab, a later visit) in `localStorage`.
   */
  keptIn: 'localStorage' | 'sessionStorage';
  /** Fetches the protocol's code; resolves with what makes its transport for a configuration. */
  load(): Promise<(options: TransportOptions) => ChatTransport>;
}
