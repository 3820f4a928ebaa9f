import { executeServerCommand } from '@web/test-runner-commands';

/** Options passed to the emulator for one test file (see the emulator's `startEmulator`). */
export interface EmulatorOptions {
  heartbeatIntervalMs?: number;
  guestGraceMs?: number;
  allowedOrigins?: string[];
  [key: string]: unknown;
}

/** An agent created through the control API, with helpers for the agent-side Platform API. */
export interface EmulatorAgent {
  id: string;
  token: string;
}

/** A running emulator of its own, for one test file or one test. */
export class TestEmulator {
  constructor(public url: string) {}

  /** Starts a fresh emulator on a free port (its own conversations, agents and faults). */
  static async start(options: EmulatorOptions = {}): Promise<TestEmulator> {
    const answer = await executeServerCommand<{ url: string }, EmulatorOptions>('emulator-start', options);
    if (!answer?.url) throw new Error('The emulator did not start');
    return new TestEmulator(answer.url);
  }

  /**
   * An emulator of the calling suite's own, usable from its first test on: started before it, stopped after the last.
   * After each test the widgets on the page are removed and both storages cleared, and with `reset` the emulator is
   * reset, so nothing a test left behind reaches the next.
   */
  static forSuite(options: EmulatorOptions = {}, { reset = false } = {}): TestEmulator {
    const emulator = new TestEmulator('');
    before(async () => {
      emulator.url = (await TestEmulator.start(options)).url;
    });
    after(() => emulator.stop());
    afterEach(async () => {
      for (const widget of document.querySelectorAll('guest-chat')) widget.remove();
      sessionStorage.clear();
      localStorage.clear();
      if (reset) await emulator.call('POST', '/emulator/reset');
    });
    return emulator;
  }

  async stop(): Promise<void> {
    await executeServerCommand('emulator-stop', { url: this.url });
  }

  /** Calls the emulator and returns the parsed JSON answer (or null for an empty body); throws on non-2xx. */
  async call<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(this.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** `GET /emulator/config`. */
  config() {
    return this.call<{
      organizationId: string;
      deploymentId: string;
      queues: string[];
      heartbeatIntervalMs: number;
      allowedOrigins: string[];
    }>('GET', '/emulator/config');
  }

  /** `POST /emulator/agents`. */
  createAgent(agent: {
    displayName: string;
    avatarImageUrl?: string;
    autoAnswer?: boolean;
    autoAnswerDelayMs?: number;
    bot?: 'echo' | null;
  }) {
    return this.call<EmulatorAgent>('POST', '/emulator/agents', agent);
  }

  /** `GET /emulator/conversations`: every conversation with members, states and full message log. */
  conversations<T = unknown[]>() {
    return this.call<T>('GET', '/emulator/conversations');
  }

  /** `POST /emulator/faults`. */
  faults(faults: Record<string, unknown>) {
    return this.call('POST', '/emulator/faults', faults);
  }

  /** `DELETE /emulator/faults`. */
  clearFaults() {
    return this.call('DELETE', '/emulator/faults');
  }
}
