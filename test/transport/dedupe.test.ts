import { expect } from '@open-wc/testing';
import { DedupeSet } from '../../src/transport/dedupe.js';

describe('DedupeSet', () => {
  it('accepts a key once and rejects repeats', () => {
    const seen = new DedupeSet();
    expect(seen.add('a')).to.equal(true);
    expect(seen.add('a')).to.equal(false);
    expect(seen.add('b')).to.equal(true);
  });

  it('forgets the oldest key beyond its capacity', () => {
    const seen = new DedupeSet(2);
    seen.add('a');
    seen.add('b');
    seen.add('c');
    expect(seen.has('a')).to.equal(false);
    expect(seen.has('c')).to.equal(true);
  });
});
