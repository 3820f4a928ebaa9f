// What bench/probe.js installs in every benchmark page, for the functions the runners evaluate in those pages.

/** The probe's record of the page and its helpers (see bench/probe.js). */
interface BenchProbe {
  /** Long tasks since navigation, in page milliseconds. */
  longTasks: { start: number; duration: number }[];
  /** Every WebSocket the page made: when it was created, opened and closed. */
  sockets: { created: number; opened: number | null; closed: number | null }[];
  /** Times at which WebSocket messages arrived, while `recordFrames` is on. */
  frames: number[];
  recordFrames: boolean;
  /** Resolves with the time the page's widget first painted (set by bench/browser.mjs). */
  loaded: Promise<number>;
  afterPaint(): Promise<number>;
  paintedWhen(predicate: () => boolean, timeoutMs?: number): Promise<number>;
  updatedWhen(root: Element, predicate: () => boolean): Promise<number>;
  lastText(): string;
  keyLatencies: number[];
  watchKeys(): void;
  countNodes(root: Node): number;
  blocking(from: number, to: number): { tbt: number; longest: number };
}

declare const __bench: BenchProbe;

interface HTMLElementTagNameMap {
  /** The reference widget, as far as the benchmark drives it. */
  'deep-chat': HTMLElement & { history: unknown; addMessage(message: { role: string; text: string }): void };
  /** This widget, as far as the benchmark drives it. */
  'guest-chat': HTMLElement & { start(memberInfo: { displayName: string }): Promise<void>; state: string };
}

interface Window {
  __bench: BenchProbe;
  /** Set by a runner in one evaluation and awaited in the next. */
  __updated: Promise<number>;
  __painted: Promise<number>;
  __emptyScriptRan: boolean;
  /** The reference page's feed socket is open (bench/feed.mjs). */
  __feedOpen: boolean;
}
