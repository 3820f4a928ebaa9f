// Runs in the page before any of its scripts (Playwright's init script): records long tasks and the page's
// WebSockets, and gives the runner helpers that time work up to the next painted frame.
(() => {
  const bench = /** @type {BenchProbe} */ ({
    /** Long tasks since navigation: `{start, duration}` in page milliseconds. */
    longTasks: [],
    /** Every WebSocket the page made: when it was created, opened and closed. */
    sockets: [],
    /** Times at which WebSocket messages arrived, while `recordFrames` is on. */
    frames: [],
    recordFrames: false,
  });

  // Room for the resource entries of a long history fetched page by page.
  performance.setResourceTimingBufferSize(2000);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    /** @param {ConstructorParameters<typeof WebSocket>} args */
    constructor(...args) {
      super(...args);
      const record = { created: performance.now(), opened: null, closed: null };
      bench.sockets.push(record);
      // Registered before the widget sets its handlers, so these see each event first.
      this.addEventListener('open', () => (record.opened = performance.now()));
      this.addEventListener('close', () => (record.closed = performance.now()));
      this.addEventListener('message', () => {
        if (bench.recordFrames) bench.frames.push(performance.now());
      });
    }
  };

  /** Resolves with the time just after the next frame was rendered: a task posted from requestAnimationFrame. */
  bench.afterPaint = () =>
    new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));

  /**
   * Checks `predicate` once per frame; resolves with the time just after the first frame in which it held was
   * rendered. Rejects after `timeoutMs`.
   */
  bench.paintedWhen = (predicate, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const deadline = performance.now() + timeoutMs;
      const check = () => {
        if (predicate()) setTimeout(() => resolve(performance.now()), 0);
        else if (performance.now() > deadline) reject(new Error('timed out waiting for the page'));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });

  /**
   * Watches `root` for DOM changes; resolves, once `predicate` holds after one, with the time after a forced layout
   * of the changed tree: the main-thread work of an update, without waiting for a frame.
   */
  bench.updatedWhen = (root, predicate) =>
    new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!predicate()) return;
        observer.disconnect();
        root.getBoundingClientRect();
        resolve(performance.now());
      });
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    });

  /** Text of the last message either widget shows. */
  bench.lastText = () => {
    const list = document.querySelector('guest-chat')?.shadowRoot?.querySelector('.transcript ol');
    if (list) return list.lastElementChild?.textContent ?? '';
    let node = document.querySelector('deep-chat')?.shadowRoot?.querySelector('#messages')?.lastElementChild;
    while (node && !node.classList.contains('outer-message-container')) node = node.lastElementChild;
    return node?.textContent ?? '';
  };

  /** Records, for each key press from now on, the time from the keydown to just after the next rendered frame. */
  bench.keyLatencies = [];
  bench.watchKeys = () =>
    window.addEventListener(
      'keydown',
      (event) => {
        const pressed = event.timeStamp;
        requestAnimationFrame(() => setTimeout(() => bench.keyLatencies.push(performance.now() - pressed), 0));
      },
      true,
    );

  /** Counts every node under `root`, shadow roots included. */
  bench.countNodes = (root) => {
    let count = 0;
    const walk = (node) => {
      count += 1;
      if (node.shadowRoot) walk(node.shadowRoot);
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(root);
    return count;
  };

  /** Total blocking time and the longest task among the long tasks that ran during `[from, to]`. */
  bench.blocking = (from, to) => {
    const tasks = bench.longTasks.filter((task) => task.start + task.duration > from && task.start <= to);
    return {
      tbt: tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
      longest: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
    };
  };

  window.__bench = bench;
})();
