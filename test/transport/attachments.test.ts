import { expect } from '@open-wc/testing';
import { httpUrl, readAttachment, readPolicy } from '../../src/transport/attachments.js';
import { attachmentFields, mediaPolicy } from '../../src/transport/web-messaging/attachment-wire.js';

describe('attachments on the wire', () => {
  it('picks the Attachment items of a message, and nothing from content of another shape', () => {
    const attachment = { id: 'a1', url: 'https://files.example/a.png', filename: 'a.png', mediaType: 'Image' };
    expect(
      attachmentFields([
        { contentType: 'QuickReply', quickReply: { text: 'Yes' } },
        { contentType: 'Attachment', attachment },
        { contentType: 'Attachment', attachment: 'not an object' },
      ]),
    ).to.deep.equal([attachment]);
    for (const content of [undefined, null, 'x', {}, [], [null], [{ contentType: 'Attachment' }]])
      expect(attachmentFields(content), JSON.stringify(content)).to.equal(undefined);
  });

  it('reads the media policy only when it lists types and a size', () => {
    const inbound = { fileTypes: [{ type: 'image/png' }], maxFileSizeKB: 100 };
    const body = { connected: true, allowedMedia: { inbound }, blockedExtensions: ['.EXE'] };
    expect(mediaPolicy(body)).to.equal(body);
    expect(mediaPolicy({ allowedMedia: { inbound: { fileTypes: [], maxFileSizeKB: 0 } } })).to.equal(null);
    expect(
      mediaPolicy({ allowedMedia: { inbound: { fileTypes: [{ type: 'image/png' }], maxFileSizeKB: 0 } } }),
    ).to.equal(null);
    expect(mediaPolicy({})).to.equal(null);
  });

  it('checks an attachment: an id and an http(s) URL, strings and numbers of the right kind', () => {
    expect(
      readAttachment({ id: 'a1', url: 'https://f.example/a.png', filename: 'a.png', fileSize: 12, mime: 'image/png' }),
    ).to.deep.equal({
      id: 'a1',
      url: 'https://f.example/a.png',
      name: 'a.png',
      mime: 'image/png',
      size: 12,
      image: true,
    });
    expect(
      readAttachment({ id: 'a1', url: 'http://f.example/r.pdf', mediaType: 'File', fileSize: '12' }),
    ).to.deep.equal({
      id: 'a1',
      url: 'http://f.example/r.pdf',
      name: 'a1',
      mime: undefined,
      size: undefined,
      image: false,
    });
    for (const url of ['javascript:alert(1)', 'data:image/png;base64,AA', '//f.example/a', 'file:///etc/passwd', 42])
      expect(readAttachment({ id: 'a1', url }), String(url)).to.equal(null);
    expect(readAttachment({ url: 'https://f.example/a.png' })).to.equal(null);
    expect(httpUrl(' https://f.example/a b')).to.equal('https://f.example/a%20b');
  });

  it('checks a policy: types, bytes (1 KB = 1000), lower-case extensions', () => {
    expect(
      readPolicy({
        allowedMedia: { inbound: { fileTypes: [{ type: 'image/png' }, { type: 7 }, 'x'], maxFileSizeKB: 2.5 } },
        blockedExtensions: ['.EXE', 3],
      }),
    ).to.deep.equal({ types: ['image/png', 'x'], maxBytes: 2500, blockedExtensions: ['.exe'] });
    expect(
      readPolicy({ allowedMedia: { inbound: { fileTypes: [{ type: 'image/png' }], maxFileSizeKB: '10' } } }),
    ).to.equal(null);
    expect(readPolicy(null)).to.equal(null);
  });
});
