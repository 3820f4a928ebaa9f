import { expect } from '@open-wc/testing';
import { backoffDelay } from '../../src/core/backoff.js';

describe('backoffDelay', () => {
  it('retries the first time within 1 s by default', () => {
    expect(backoffDelay(0, () => 0.9999)).to.be.below(1_000);
    expect(backoffDelay(0, () => 0.9999)).to.be.above(990);
  });

  it('grows exponentially and is capped at 30 s by default', () => {
    expect(backoffDelay(3, () => 0.5)).to.equal(4_000);
    expect(backoffDelay(20, () => 0.9999)).to.be.below(30_000);
    expect(backoffDelay(20, () => 0.9999)).to.be.above(29_000);
  });

  it('uses full jitter: anything from zero to the ceiling', () => {
    expect(backoffDelay(5, () => 0)).to.equal(0);
  });

  it('keeps to the bounds it is given', () => {
    expect(backoffDelay(0, () => 0.5, { baseMs: 50, maxMs: 400 })).to.equal(25);
    expect(backoffDelay(10, () => 0.9999, { baseMs: 50, maxMs: 400 })).to.be.below(400);
  });
});
