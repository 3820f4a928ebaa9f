// The table printed after a run, and the budgets checked against it.

const ms = (summary) => `${summary.median.toFixed(1)} ms (${summary.min.toFixed(1)}–${summary.max.toFixed(1)})`;
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ratio = (ours, theirs) => (theirs > 0 ? `${(ours / theirs).toFixed(2)}×` : '');
/** A reference cell, or "not run" above the reference's largest transcript. */
const ref = (result, cell) => (result ? cell(result) : 'not run');

/** Prints one markdown table row. */
const row = (cells) => console.log(`| ${cells.join(' | ')} |`);

/**
 * Prints the figures as a markdown table (ours, the reference, ours/reference on the medians) and the budgets as
 * pass/fail; returns the budgets.
 */
export function printReport(results) {
  const { size, load, transcripts, reconnect, settings } = results;
  const ours = transcripts.guestChat;
  const theirs = transcripts.deepChat;
  console.log(
    `\n${settings.loadRepeat} runs each of a page load, ${settings.repeat} of the rest: median (min–max). ` +
      'Reference: deep-chat (no Genesys transport).\n',
  );
  row(['Figure', 'guest-chat', 'deep-chat', 'ratio']);
  row(['---', '---', '---', '---']);
  for (const key of ['minified', 'gzip', 'brotli']) {
    row([
      `CDN script, ${key}`,
      kB(size.guestChat[key]),
      kB(size.deepChat[key]),
      ratio(size.guestChat[key], size.deepChat[key]),
    ]);
  }
  const first = (widget) => load[widget].painted;
  const fromTag = (widget) => load[widget].fromTag;
  // Script start is the script's first statement running; from the tag adds fetching the script.
  row([
    'Script start → widget painted',
    ms(first('guestChat')),
    ms(first('deepChat')),
    ratio(first('guestChat').median, first('deepChat').median),
  ]);
  row(['Script start → frame after an empty script (the floor)', ms(load.emptyScript.painted), '', '']);
  row([
    'Script tag → widget painted',
    ms(fromTag('guestChat')),
    ms(fromTag('deepChat')),
    ratio(fromTag('guestChat').median, fromTag('deepChat').median),
  ]);
  row(['Script tag → frame after an empty script', ms(load.emptyScript.fromTag), '', '']);
  // The CDN script paints a stand-in launcher, then fetches the element: loading lasts until the element is in place.
  row(['Script start → element loaded and rendered', ms(load.guestChat.loaded), ms(load.deepChat.loaded), '']);
  row(['Blocking time while loading (TBT)', ms(load.guestChat.tbt), ms(load.deepChat.tbt), '']);
  row(['Longest task while loading', ms(load.guestChat.longest), ms(load.deepChat.longest), '']);
  for (const count of settings.sizes) {
    const a = ours[count];
    const b = theirs[count] ?? null;
    const n = Number(count).toLocaleString('en');
    row([
      `${n} msgs: history rendered`,
      ms(a.restore.render),
      ref(b, (r) => ms(r.restore.render)),
      ref(b, (r) => ratio(a.restore.render.median, r.restore.render.median)),
    ]);
    row([`${n} msgs: restore, script start → painted`, ms(a.restore.total), '', '']);
    row([`${n} msgs: longest task rendering`, ms(a.restore.longest), ref(b, (r) => ms(r.restore.longest)), '']);
    row([
      `${n} msgs: DOM nodes in the panel`,
      String(a.nodes),
      ref(b, (r) => String(r.nodes)),
      ref(b, (r) => ratio(a.nodes, r.nodes)),
    ]);
    row([`${n} msgs: JS heap after GC`, MB(a.heap), ref(b, (r) => MB(r.heap)), ref(b, (r) => ratio(a.heap, r.heap))]);
    row([
      `${n} msgs: append one, work`,
      ms(a.append.work),
      ref(b, (r) => ms(r.append.work)),
      ref(b, (r) => ratio(a.append.work.median, r.append.work.median)),
    ]);
    row([`${n} msgs: append one, to next paint`, ms(a.append.paint), ref(b, (r) => ms(r.append.paint)), '']);
    row([
      `${n} msgs: append one, main thread`,
      ms(a.append.mainThread),
      ref(b, (r) => ms(r.append.mainThread)),
      ref(b, (r) => ratio(a.append.mainThread.median, r.append.mainThread.median)),
    ]);
    row([
      `${n} msgs: key press → next frame`,
      ms(a.input),
      ref(b, (r) => ms(r.input)),
      ref(b, (r) => ratio(a.input.median, r.input.median)),
    ]);
    if (a.burst && b?.burst) {
      row([
        `${n} msgs + ${settings.burst} burst: first → last painted`,
        ms(a.burst.total),
        ms(b.burst.total),
        ratio(a.burst.total.median, b.burst.total.median),
      ]);
      row([`${n} msgs + ${settings.burst} burst: longest task`, ms(a.burst.longest), ms(b.burst.longest), '']);
      row([
        `${n} msgs + bursts: JS heap after GC`,
        MB(a.heapAfterBurst),
        MB(b.heapAfterBurst),
        ratio(a.heapAfterBurst, b.heapAfterBurst),
      ]);
    }
  }
  const pct = (summary) => `p50 ${summary.median.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms`;
  row([`Reconnect (${settings.drops} drops): drop → first retry`, pct(reconnect.retry), 'n/a', '']);
  row([`Reconnect (${settings.drops} drops): drop → messages flowing`, pct(reconnect.flowing), 'n/a', '']);

  const budgets = checkBudgets(results);
  console.log('\nBudgets');
  for (const budget of budgets)
    console.log(
      `  ${budget.pass === null ? 'n/a ' : budget.pass ? 'PASS' : 'FAIL'}  ${budget.name}: ${budget.value} (limit ${budget.limit})`,
    );
  return budgets;
}

/** Gzip budget of a whole chat in progress, per transport. */
const SIZE_BUDGETS = { guestChat: 30_000, webMessaging: 32_000 };

function checkBudgets({ size, load, transcripts }) {
  const ours = transcripts.guestChat;
  const sizes = Object.keys(ours);
  const budget = (name, value, limit, pass, shown = String(value)) => ({ name, value: shown, limit, pass });
  const at = (count, fn) => (ours[count] ? fn(ours[count]) : null);
  const reference = transcripts.deepChat ?? {};
  const heap = at(10000, (result) => result.heap);
  const nodesAt = (count) => Math.max(ours[count].nodes, ours[count].restore.nodes.max);
  const longest = sizes.at(-1);
  const burstLongest = Math.max(
    0,
    ...sizes.filter((count) => ours[count].burst).map((count) => ours[count].burst.longest.max),
  );
  return [
    ...Object.entries(size.guestChat.inProgress).map(([transport, { gzip }]) =>
      budget(
        `CDN script + what it fetches up to a chat in progress (${transport}), gzip`,
        gzip,
        kB(SIZE_BUDGETS[transport]),
        gzip <= SIZE_BUDGETS[transport],
        kB(gzip),
      ),
    ),
    budget(
      'Launcher painted after script start (median)',
      load.guestChat.painted.median,
      '50 ms',
      load.guestChat.painted.median <= 50,
      `${load.guestChat.painted.median.toFixed(1)} ms`,
    ),
    budget(
      'Longest task while loading (any run)',
      load.guestChat.longest.max,
      '50 ms',
      load.guestChat.longest.max <= 50,
      `${load.guestChat.longest.max.toFixed(1)} ms`,
    ),
    budget(
      'Longest task during a 200-message burst (any run)',
      burstLongest,
      '50 ms',
      burstLongest <= 50,
      `${burstLongest.toFixed(1)} ms`,
    ),
    ...[100, 1000, 5000].map((count) => {
      const mine = at(count, (result) => result.append.work.median);
      const theirs = reference[count]?.append.work.median ?? null;
      return budget(
        `Append one message to ${count.toLocaleString('en')}: work (median)`,
        mine,
        theirs === null ? "deep-chat's (not measured)" : `deep-chat's, ${theirs.toFixed(1)} ms`,
        mine === null || theirs === null ? null : mine <= theirs,
        mine === null ? 'not measured' : `${mine.toFixed(1)} ms`,
      );
    }),
    // Up to a few hundred messages the whole transcript is in the DOM; past that the rendered part stays bounded.
    budget(
      `DOM nodes in the panel at ${Number(longest).toLocaleString('en')} messages`,
      nodesAt(longest),
      'no more than at 1,000',
      ours[1000] ? nodesAt(longest) <= nodesAt(1000) : null,
    ),
    budget(
      'JS heap with 10,000 messages',
      heap,
      '15.0 MB',
      heap === null ? null : heap <= 15 * 2 ** 20,
      heap === null ? 'not measured' : MB(heap),
    ),
  ];
}
