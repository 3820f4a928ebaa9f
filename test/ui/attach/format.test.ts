import { expect } from '@open-wc/testing';
import { expiryOf, sizeLabel, typeLabel, typesLabel } from '../../../src/ui/attach/format.js';

describe('attachment labels', () => {
  it('says sizes as people read them, 1000-based like the deployment', () => {
    expect([0, 999, 1000, 2400, 12_345, 999_999, 3_400_000, 10_240_000].map(sizeLabel)).to.deep.equal([
      '0 B',
      '999 B',
      '1 kB',
      '2.4 kB',
      '12 kB',
      '1000 kB',
      '3.4 MB',
      '10 MB',
    ]);
    expect(sizeLabel(undefined)).to.equal('');
  });

  it('names types shortly', () => {
    expect(
      ['image/png', 'image/*', '*/*', 'application/pdf', 'application/vnd.ms-excel', undefined].map(typeLabel),
    ).to.deep.equal(['PNG', 'image', '', 'PDF', 'EXCEL', '']);
    expect(
      typesLabel({ types: ['image/png', 'image/png', '*/*', 'text/plain'], maxBytes: 1, blockedExtensions: [] }),
    ).to.equal('PNG, TXT');
  });

  it('reads when a presigned URL expires, S3 v2 or v4 style, or says it cannot tell', () => {
    expect(expiryOf('https://f.example/a?Expires=1700000000&Signature=x')).to.equal(1_700_000_000_000);
    expect(expiryOf('https://f.example/a?X-Amz-Date=20260101T000000Z&X-Amz-Expires=600')).to.equal(
      Date.UTC(2026, 0, 1, 0, 10),
    );
    expect(expiryOf('https://f.example/a?X-Amz-Date=nonsense&X-Amz-Expires=600')).to.equal(undefined);
    expect(expiryOf('https://f.example/a')).to.equal(undefined);
  });
});
