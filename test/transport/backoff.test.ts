import { expect } from '@open-wc/testing';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src/transport/backoff.js';

describe('backoffDelay', () => {
  it('retries the first time within 1 s', () => {
    expect(backoffDelay(0, () => 0.9999)).to.be.below(1_000);
    expect(DEFAULT_BACKOFF.baseMs).to.equal(1_000);
  });

  it('grows exponentially and is capped', () => {
    expect(backoffDelay(3, () => 0.5)).to.equal(4_000);
    expect(backoffDelay(20, () => 0.9999)).to.be.below(30_000);
    expect(backoffDelay(20, () => 0.9999)).to.be.above(29_000);
  });

  it('uses full jitter: anything from zero to the ceiling', () => {
    expect(backoffDelay(5, () => 0)).to.equal(0);
  });
});
