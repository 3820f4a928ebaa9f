import type { PageLifecycle, PageLifecycleEvent } from '../../src/core/lifecycle.js';
import type { SocketLike } from '../../src/transport/env.js';
import { macrotask } from './wait.js';

export { until } from './wait.js';

/** A socket the test drives by hand: `open()`, `receive()`, `drop()`. */
export class FakeSocket implements SocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: string[] = [];
  closed: { code?: number; reason?: string } | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closed = { code, reason };
  }

  open(): void {
    this.onopen?.(new Event('open'));
  }

  /** Delivers a frame: objects are sent as JSON, strings as they are. */
  receive(frame: unknown): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  drop(code = 1006): void {
    this.onclose?.(new CloseEvent('close', { code }));
  }
}

/** Records every socket a factory made. */
export class FakeSockets {
  readonly all: FakeSocket[] = [];
  readonly create = (url: string): FakeSocket => {
    const socket = new FakeSocket(url);
    this.all.push(socket);
    return socket;
  };

  get last(): FakeSocket {
    const socket = this.all[this.all.length - 1];
    if (!socket) throw new Error('No socket was opened');
    return socket;
  }
}

/** A page lifecycle the test switches by hand. */
export class FakeLifecycle implements PageLifecycle {
  hidden = false;
  online = true;
  private readonly listeners = new Set<(event: PageLifecycleEvent) => void>();

  isHidden = () => this.hidden;
  isOnline = () => this.online;

  subscribe(listener: (event: PageLifecycleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: PageLifecycleEvent): void {
    if (event === 'hidden') this.hidden = true;
    if (event === 'visible') this.hidden = false;
    if (event === 'offline') this.online = false;
    if (event === 'online') this.online = true;
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** One request seen by {@link FakeFetch}. */
export interface SeenRequest {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A JSON response. */
export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A fetch that answers with a handler and records every request. */
export class FakeFetch {
  readonly requests: SeenRequest[] = [];

  constructor(public handler: (request: SeenRequest) => Response | Promise<Response>) {}

  readonly fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      url,
      path: new URL(url).pathname + new URL(url).search,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(request);
    return this.handler(request);
  }) as typeof fetch;

  /** Requests whose method and path start match. */
  calls(method: string, pathStart: string): SeenRequest[] {
    return this.requests.filter((request) => request.method === method && request.path.startsWith(pathStart));
  }
}

/** Lets pending promises and response bodies settle, without relying on (possibly fake) timers. */
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await macrotask();
}

/** A Storage kept in memory, to give each test (or each simulated tab) its own sessionStorage. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }

  clear(): void {
    this.items.clear();
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}
