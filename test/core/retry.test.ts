import { expect } from '@open-wc/testing';
import { DEFAULT_RETRY, retryPolicy } from '../../src/core/retry.js';

describe('retryPolicy', () => {
  it('keeps the defaults the widget always had', () => {
    expect(retryPolicy()).to.deep.equal({
      baseMs: 1_000,
      maxMs: 30_000,
      reconnectAttempts: 30,
      minUptimeMs: 5_000,
      requestTimeoutMs: 16_000,
      awayCheckMs: 4_000,
      uploadSendAttempts: 3,
      uploadOutcomeMs: 20_000,
      uploadReopenMs: 30_000,
    });
  });

  it('changes only what it is given; a change left undefined keeps the default', () => {
    const policy = retryPolicy({ baseMs: 50, reconnectAttempts: undefined });
    expect(policy.baseMs).to.equal(50);
    expect(policy.reconnectAttempts).to.equal(DEFAULT_RETRY.reconnectAttempts);
    expect(DEFAULT_RETRY.baseMs, 'the defaults themselves are not changed').to.equal(1_000);
  });
});
