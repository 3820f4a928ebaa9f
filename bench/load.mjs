// `npm run load`: many guest chats at once against an emulator of its own on 127.0.0.1. Each visitor and its
// agent take turns; every message is timed from its POST until the visitor's event stream carries it (the echo).
// Bounded in chats, messages and time; prints messages/s, latency percentiles and what was lost or doubled.
// `node bench/load.mjs [chats] [messagesPerChat]`.
// It times the emulator, not itself: the emulator runs on a worker thread of its own and the visitors call it over
// keep-alive connections. On one thread, the client's sockets made each event-loop turn last 50-100 ms, the emulator
// accepts one new connection per turn, and fetch's pool drops connections idle for 4 s and reopens them in a burst:
// requests on the new connections waited up to 15 s before the emulator read them, which was the whole p99.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import WebSocket from 'ws';
import { startEmulator } from '../emulator/server.js';
import { serveOnThisThread, startServerThread } from './thread.mjs';

const GUEST = '/api/v2/webchat/guest/conversations';
const EMULATOR_THREAD = 'load-emulator';

await serveOnThisThread(EMULATOR_THREAD, () => startEmulator({ port: 0, host: '127.0.0.1', quiet: true }));

/** Starts an emulator on its own thread; resolves with its URL and a `close`. */
const startEmulatorThread = () => startServerThread(new URL(import.meta.url), EMULATOR_THREAD);

/** The `p`th percentile (0-100) of sorted numbers. */
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** Connections stay open, as a visitor's browser keeps them; `fetch` also cost the client thread several times the CPU. */
const connections = new Agent({ keepAlive: true });

/**
 * @param {string} base
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {string} [token]
 * @returns {Promise<any>}
 */
function call(base, method, path, body, token) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(base + path, {
      method,
      agent: connections,
      headers: {
        'Content-Type': 'application/json',
        ...(payload === undefined ? {} : { 'Content-Length': Buffer.byteLength(payload) }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${path} answered ${res.statusCode}: ${text}`));
        else resolve(text ? JSON.parse(text) : null);
      });
    });
    req.end(payload);
  });
}

/**
 * One visitor: creates a chat, opens its event stream, and resolves each message's echo by its text.
 * @param {string} base
 * @param {{organizationId: string, deploymentId: string, queues: string[]}} config
 * @param {number} index
 */
async function openGuest(base, config, index) {
  const chat = await call(base, 'POST', GUEST, {
    organizationId: config.organizationId,
    deploymentId: config.deploymentId,
    routingTarget: { targetType: 'QUEUE', targetAddress: config.queues[0] },
    memberInfo: { displayName: `Visitor ${index}` },
  });
  const socket = new WebSocket(chat.eventStreamUri);
  /** @type {Map<string, (at: number) => void>} */
  const waiting = new Map();
  /** @type {Map<string, number>} */
  const seen = new Map();
  /** Members offered the chat; the agent is the one of them that connects (the flow and the queue connect too). */
  const alerted = new Set();
  /** @type {(value?: unknown) => void} */
  let agentJoined = () => {};
  const joined = new Promise((resolve) => (agentJoined = resolve));
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    const type = frame.metadata?.type;
    if (type === 'member-change') {
      const { id, state } = frame.eventBody.member;
      if (state === 'ALERTING') alerted.add(id);
      if (state === 'CONNECTED' && alerted.has(id)) agentJoined();
    }
    if (type !== 'message' || frame.eventBody.bodyType !== 'standard') return;
    const text = frame.eventBody.body;
    seen.set(text, (seen.get(text) ?? 0) + 1);
    waiting.get(text)?.(performance.now());
    waiting.delete(text);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    chat,
    socket,
    joined,
    seen,
    /** Resolves with the time the visitor's stream carried `text`. @param {string} text */
    echo: (text) => new Promise((resolve) => waiting.set(text, resolve)),
  };
}

/**
 * Runs the load and returns its figures; throws nothing for lost messages, it counts them.
 * @param {{chats?: number, messagesPerChat?: number, agents?: number, timeLimitMs?: number}} [options]
 */
export async function runLoad({ chats = 200, messagesPerChat = 20, agents = 20, timeLimitMs = 120_000 } = {}) {
  const emulator = await startEmulatorThread();
  const base = emulator.url;
  const deadline = performance.now() + timeLimitMs;
  /** @type {WebSocket[]} */
  const sockets = [];
  try {
    const config = await call(base, 'GET', '/emulator/config');
    const tokens = new Map();
    for (let index = 0; index < agents; index++) {
      const agent = await call(base, 'POST', '/emulator/agents', {
        displayName: `Agent ${index}`,
        autoAnswer: true,
        autoAnswerDelayMs: 0,
      });
      tokens.set(agent.id, agent.token);
    }
    const guests = await Promise.all(Array.from({ length: chats }, (_, index) => openGuest(base, config, index)));
    sockets.push(...guests.map((guest) => guest.socket));
    await Promise.all(guests.map((guest) => guest.joined));
    const conversations = new Map(
      (await call(base, 'GET', '/emulator/conversations')).map((conversation) => [conversation.id, conversation]),
    );

    /** @type {number[]} */
    const latencies = [];
    let sent = 0;
    const started = performance.now();
    await Promise.all(
      guests.map(async (guest, chatIndex) => {
        const conversation = conversations.get(guest.chat.id);
        const agent = conversation.members.find((member) => member.role === 'AGENT' && member.state === 'CONNECTED');
        for (let turn = 0; turn < messagesPerChat && performance.now() < deadline; turn++) {
          const text = `chat ${chatIndex} message ${turn}`;
          const echoed = guest.echo(text);
          const at = performance.now();
          if (turn % 2 === 0) {
            await call(
              base,
              'POST',
              `${GUEST}/${guest.chat.id}/members/${guest.chat.member.id}/messages`,
              { body: text, bodyType: 'standard' },
              guest.chat.jwt,
            );
          } else {
            await call(
              base,
              'POST',
              `/api/v2/conversations/chats/${guest.chat.id}/communications/${agent.id}/messages`,
              { body: text },
              tokens.get(agent.agentId),
            );
          }
          sent += 1;
          const timeout = new Promise((resolve) =>
            setTimeout(resolve, Math.max(0, deadline - performance.now()), null).unref(),
          );
          const arrived = await Promise.race([echoed, timeout]);
          if (arrived === null) return;
          latencies.push(arrived - at);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const logged = (await call(base, 'GET', '/emulator/conversations')).flatMap((conversation) =>
      conversation.messages.filter((message) => message.bodyType === 'standard').map((message) => message.body),
    );
    const echoes = guests.flatMap((guest) => [...guest.seen.entries()]);
    latencies.sort((a, b) => a - b);
    const round = (value) => Math.round(value * 10) / 10;
    return {
      chats,
      agents,
      messages: sent,
      seconds: round(seconds),
      messagesPerSecond: Math.round(sent / seconds),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(latencies.at(-1) ?? NaN),
      logged: logged.length,
      lost: sent - echoes.filter(([, count]) => count >= 1).length,
      duplicated: echoes.filter(([, count]) => count > 1).length,
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await emulator.close();
  }
}

if (isMainThread && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [chats = 200, messagesPerChat = 20] = process.argv.slice(2).map(Number);
  const figures = await runLoad({ chats, messagesPerChat });
  console.log(
    `${figures.chats} chats, ${figures.agents} agents, ${figures.messages} messages in ${figures.seconds} s: ` +
      `${figures.messagesPerSecond} messages/s, send to echo p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms; ` +
      `${figures.logged} in the emulator's log, ${figures.lost} lost, ${figures.duplicated} duplicated`,
  );
  process.exit(figures.lost === 0 && figures.duplicated === 0 && figures.logged === figures.messages ? 0 : 1);
}
