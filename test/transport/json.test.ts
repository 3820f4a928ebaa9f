import { expect } from '@open-wc/testing';
import { isoTime, parseJsonObject } from '../../src/transport/json.js';

describe('JSON frame helpers', () => {
  it('rejects non-text, non-JSON and non-object frames without throwing', () => {
    expect(parseJsonObject(new ArrayBuffer(2)).ok).to.equal(false);
    expect(parseJsonObject('{oops').ok).to.equal(false);
    expect(parseJsonObject('[1]').ok).to.equal(false);
    expect(parseJsonObject('null').ok).to.equal(false);
    expect(parseJsonObject('{"a":1}')).to.deep.equal({ ok: true, value: { a: 1 } });
  });

  it('parses ISO times and rejects others', () => {
    expect(isoTime('2019-06-18T16:59:22.277Z')).to.equal(Date.UTC(2019, 5, 18, 16, 59, 22, 277));
    expect(isoTime('yesterday')).to.equal(undefined);
    expect(isoTime(12)).to.equal(undefined);
  });
});
