import { expect } from '@open-wc/testing';
import { effect } from '@preact/signals-core';
import type { Phase } from '../../../src/session/types.js';
import { en } from '../../../src/ui/strings/en.js';
import { TestEmulator } from '../../helpers/emulator.js';
import { Chat, spoken, until, written, type TransportCase } from './chat.js';

/** The shape of one faulty two-way conversation. */
export interface Scenario {
  /** Messages in all, alternating visitor and agent. */
  messages: number;
  /** Times the emulator drops every socket, spread evenly. */
  drops: number;
  /** Messages sent while every REST answer takes 2 s. */
  slowMessages: number;
}

/** What a run measured. */
export interface Figures {
  transport: string;
  messages: number;
  drops: number;
  reconnectingNotices: number;
  seconds: number;
}

const HEARTBEAT_MS = 100;

/**
 * Runs one conversation of `scenario.messages` messages through faults: socket drops, a stretch without heartbeats,
 * sends failing with 500 and 429, and a stretch of 2 s REST latency. Then checks that the widget's transcript is the
 * emulator's log exactly and that the visitor saw the reconnecting notice and was never left at a dead end.
 */
export async function runFaultyConversation(transport: TransportCase, scenario: Scenario): Promise<Figures> {
  const begun = performance.now();
  const emulator = await TestEmulator.start({ heartbeatIntervalMs: HEARTBEAT_MS });
  const chat = await Chat.mount(emulator, transport, {
    keepAliveMs: HEARTBEAT_MS,
    retry: { baseMs: 50, maxMs: 400 },
  });
  try {
    await chat.start();
    // What routing took (Web Messaging opens with a visitor message and a reply) is in the log before the run.
    const opening = spoken(await chat.conversation()).length;
    const reconnectText = en.reconnecting;
    let reconnectingNotices = 0;
    const observer = new MutationObserver(() => {
      const banner = chat.root.querySelector('.banner:not(.bad)');
      if (banner?.textContent === reconnectText && !banner.hasAttribute('data-seen')) {
        banner.setAttribute('data-seen', '');
        reconnectingNotices += 1;
      }
    });
    observer.observe(chat.root, { subtree: true, childList: true, characterData: true });
    const phases: Phase[] = [];
    const stop = effect(() => void phases.push(chat.session.phase.value));

    const dropEvery = Math.max(1, Math.floor(scenario.messages / (scenario.drops + 1)));
    const third = Math.floor(scenario.messages / 3);
    let drops = 0;
    for (let index = 0; index < scenario.messages; index++) {
      if (index > 0 && index % dropEvery === 0 && drops < scenario.drops) {
        drops += 1;
        await emulator.faults({ dropSockets: true });
      }
      if (index === third) {
        // A silent server: the widget must notice the missing heartbeats on its own, then recover.
        await emulator.faults({ heartbeats: false });
        await until(() => chat.session.phase.value === 'reconnecting', 'the widget notices the silence');
        await emulator.faults({ heartbeats: true });
        await transport.failSends(chat, await chat.conversation(), { count: 2, status: 500 });
      }
      if (index === third + 10) {
        await transport.failSends(chat, await chat.conversation(), { count: 1, status: 429, retryAfterSeconds: 1 });
      }
      if (index === 2 * third) await emulator.faults({ latencyMs: 2000 });
      if (index === 2 * third + scenario.slowMessages) await emulator.faults({ latencyMs: 0 });
      if (index % 2 === 0) {
        const why = () => `phases ${phases.join(' > ')}, notice ${JSON.stringify(chat.session.notice.value)}`;
        expect(chat.el.send(`visitor ${index}`), `visitor ${index} is accepted; ${why()}`).to.be.a('string');
      } else {
        await chat.agentSays(`agent ${index}`);
      }
    }
    await emulator.clearFaults();

    // The visitor writes faster than a rate-limited server takes messages: the backlog drains at the server's pace.
    const backlogMs = transport.sendsPerSecond ? ((scenario.messages / 2) * 1_500) / transport.sendsPerSecond : 0;
    await until(
      () => chat.transcript().every((entry) => entry.status !== 'sending'),
      'every visitor message is settled',
      60_000 + backlogMs,
    );
    // A send refused while the server counts the visitor as away (dropped socket, reconnect not yet attached) waits in
    // the outbox for the link: the visitor never has to press Retry.
    const failed = chat.transcript().filter((entry) => entry.status === 'failed');
    expect(
      failed.map((entry) => `${entry.text}: ${entry.error}`),
      'no message left for the visitor to retry',
    ).to.deep.equal([]);
    const unsent = chat.transcript().filter((entry) => entry.kind === 'guest' && entry.status !== 'sent');
    expect(
      unsent.map((entry) => `${entry.text}: ${entry.status}`),
      `unsent in phase ${chat.session.phase.value}`,
    ).to.deep.equal([]);
    const log = spoken(await chat.conversation());
    await until(() => written(chat.transcript()).length >= log.length, 'the widget has every message', 30_000);
    stop();
    observer.disconnect();

    const shown = written(chat.transcript()).map((entry) => `${entry.id} ${entry.text}`);
    expect(shown, 'the transcript is the emulator log').to.deep.equal(
      log.map((message) => `${message.id} ${message.body}`),
    );
    expect(log.length).to.equal(opening + scenario.messages);
    expect(new Set(shown).size, 'no duplicates').to.equal(shown.length);
    expect(phases, 'the widget went through reconnecting').to.include('reconnecting');
    expect(reconnectingNotices, 'the visitor saw the reconnecting notice').to.be.at.least(1);
    expect(chat.session.phase.value, 'the chat goes on').to.equal('active');
    expect(chat.session.notice.value, 'no problem is left showing').to.equal(null);
    expect(chat.root.querySelector('[part~="composer"] textarea'), 'the visitor can still write').to.not.equal(null);
    return {
      transport: transport.name,
      messages: log.length - opening,
      drops,
      reconnectingNotices,
      seconds: Math.round((performance.now() - begun) / 100) / 10,
    };
  } finally {
    chat.remove();
    await emulator.stop();
  }
}
