import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { MessagingSocket, call, createAgent, start, until } from './helpers.js';

const emulator = await start({ defaultAutoAnswerDelayMs: 0, webMessaging: { rateLimitPerSecond: 50 } });
const { deploymentId } = emulator.store.config;
const MESSAGES = '/api/v2/conversations/messages';
/** A real 1x1 PNG: the emulator's scan checks an image's first bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

/**
 * `onAttachment` for a file; answers the frame that carries the request's tracingId.
 * @param {MessagingSocket} socket
 * @param {{fileName?: string, fileType?: string, fileSize?: number}} [file]
 */
function onAttachment(socket, { fileName = 'meter.png', fileType = 'image/png', fileSize = PNG.length } = {}) {
  const attachmentId = crypto.randomUUID();
  return socket
    .request('onAttachment', { attachmentId, fileName, fileType, fileSize, errorsAsJson: true })
    .then((answer) => ({ attachmentId, answer }));
}

/**
 * PUTs bytes to a presigned URL with its headers.
 * @param {any} presigned  PresignedUrlResponse body
 * @param {Buffer} bytes
 * @param {Record<string, string>} [headers]  replaces the presigned headers and Content-Type
 */
function put(presigned, bytes, headers) {
  return fetch(presigned.url, {
    method: 'PUT',
    headers: headers ?? { ...presigned.headers, 'Content-Type': presigned.fileType },
    body: new Uint8Array(bytes),
  });
}

/**
 * The upload outcome pushed for an attachment.
 * @param {MessagingSocket} socket
 * @param {string} attachmentId
 */
const outcome = (socket, attachmentId) =>
  socket.waitFor(
    (frame) =>
      (frame.class === 'UploadSuccessEvent' || frame.class === 'UploadFailureEvent') &&
      frame.body.attachmentId === attachmentId,
  );

/**
 * A guest session with one uploaded PNG.
 */
async function uploaded() {
  const socket = await MessagingSocket.session(emulator);
  const { attachmentId, answer } = await onAttachment(socket);
  assert.equal((await put(answer.body, PNG)).status, 200);
  const event = await outcome(socket, attachmentId);
  assert.equal(event.class, 'UploadSuccessEvent');
  return { socket, attachmentId, downloadUrl: event.body.downloadUrl };
}

test('SessionResponse and config.json say what may be attached; the control API switches it', async () => {
  const socket = await MessagingSocket.open(emulator);
  const session = await socket.configure(crypto.randomUUID());
  assert.deepEqual(session.body.allowedMedia.inbound.maxFileSizeKB, 10240);
  assert.ok(session.body.allowedMedia.inbound.fileTypes.some((/** @type {any} */ t) => t.type === 'image/png'));
  assert.ok(session.body.blockedExtensions.includes('.exe'));
  const configPath = `/webdeployments/v1/deployments/${deploymentId}/config.json`;
  assert.equal((await call(emulator, 'GET', configPath)).body.messenger.fileUpload.enableAttachments, true);

  const patched = await call(emulator, 'PATCH', '/emulator/attachments', {
    body: { fileTypes: ['application/pdf'], maxFileSizeKB: 5 },
  });
  assert.equal(patched.status, 200);
  const later = await (await MessagingSocket.open(emulator)).configure(crypto.randomUUID());
  assert.deepEqual(later.body.allowedMedia.inbound, { fileTypes: [{ type: 'application/pdf' }], maxFileSizeKB: 5 });

  await call(emulator, 'PATCH', '/emulator/attachments', { body: { enabled: false } });
  const off = await (await MessagingSocket.open(emulator)).configure(crypto.randomUUID());
  assert.deepEqual(off.body.allowedMedia.inbound, { fileTypes: [], maxFileSizeKB: 0 });
  assert.deepEqual(off.body.blockedExtensions, []);
  assert.deepEqual((await call(emulator, 'GET', configPath)).body.messenger.fileUpload, {
    enableAttachments: false,
    modes: [],
  });
  const bad = await call(emulator, 'PATCH', '/emulator/attachments', { body: { maxFileSizeKB: -1 } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.details[0].fieldName, 'maxFileSizeKB');
});

test('the whole flow: presigned URL on the emulator, PUT, UploadSuccessEvent, a message carrying the file, history and the agent see it', async () => {
  const agent = await createAgent(emulator, { displayName: 'Ana', autoAnswer: true, autoAnswerDelayMs: 0 });
  const socket = await MessagingSocket.session(emulator);
  const { attachmentId, answer } = await onAttachment(socket);
  assert.equal(answer.class, 'PresignedUrlResponse');
  assert.equal(answer.type, 'response');
  assert.equal(answer.body.attachmentId, attachmentId);
  assert.ok(answer.body.url.startsWith(`${emulator.url}/`));
  assert.ok(answer.body.headers['x-amz-tagging']);

  // The signed headers and the declared type are required, as on a real presigned URL.
  assert.equal((await put(answer.body, PNG, { 'Content-Type': 'image/png' })).status, 403);
  assert.equal((await put(answer.body, PNG, { ...answer.body.headers, 'Content-Type': 'image/jpeg' })).status, 403);
  assert.equal((await put(answer.body, PNG)).status, 200);
  const success = await outcome(socket, attachmentId);
  assert.equal(success.class, 'UploadSuccessEvent');
  assert.equal(success.type, 'message');
  const download = await fetch(success.body.downloadUrl);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);

  const content = [{ contentType: 'Attachment', attachment: { id: attachmentId } }];
  const echo = await socket.request('onMessage', { message: { type: 'Text', text: 'my meter', content } });
  assert.equal(echo.code, 200);
  assert.equal(echo.body.direction, 'Inbound');
  const item = echo.body.content[0].attachment;
  assert.equal(item.id, attachmentId);
  assert.equal(item.filename, 'meter.png');
  assert.equal(item.mediaType, 'Image');
  assert.equal(item.mime, 'image/png');
  assert.equal(item.fileSize, PNG.length);
  assert.equal((await fetch(item.url)).status, 200);

  const jwt = (await socket.request('getJwt')).body.jwt;
  const history = await call(emulator, 'GET', '/api/v2/webmessaging/messages', { token: jwt });
  assert.equal(history.body.entities[0].content[0].attachment.id, attachmentId);

  const listed = await until(
    async () => (await call(emulator, 'GET', MESSAGES, { token: agent.token })).body.entities[0],
  );
  const customer = listed.participants.find((/** @type {any} */ p) => p.purpose === 'customer');
  const data = await call(emulator, 'GET', `${MESSAGES}/${listed.id}/messages/${customer.messages[0].messageId}`, {
    token: agent.token,
  });
  assert.equal(data.body.textBody, 'my meter');
  assert.equal(data.body.media[0].id, attachmentId);
  assert.equal(data.body.media[0].name, 'meter.png');
  assert.equal(data.body.media[0].mediaType, 'image/png');
  assert.equal((await fetch(data.body.media[0].url)).status, 200);
});

test('a file may go alone, and the legacy attachmentIds field is accepted', async () => {
  const { socket, attachmentId } = await uploaded();
  const alone = await socket.request('onMessage', {
    message: { type: 'Text', content: [{ contentType: 'Attachment', attachment: { id: attachmentId } }] },
  });
  assert.equal(alone.code, 200);
  assert.equal(alone.body.text, '');
  const second = await uploaded();
  const legacy = await second.socket.request('onMessage', {
    message: { type: 'Text', text: 'old style' },
    attachmentIds: [second.attachmentId],
  });
  assert.equal(legacy.body.content[0].attachment.id, second.attachmentId);
});

test('refused before upload with GenerateUrlError: type, blocked extension, size, bad name, long name', async () => {
  const socket = await MessagingSocket.session(emulator);
  const cases = [
    [{ fileName: 'tool.zip', fileType: 'application/zip' }, 4001],
    [{ fileName: 'photo.exe', fileType: 'image/png' }, 4001],
    [{ fileName: 'big.png', fileType: 'image/png', fileSize: 10_240_001 }, 4002],
    [{ fileName: '../etc/passwd.png', fileType: 'image/png' }, 4004],
    [{ fileName: `${'a'.repeat(201)}.png`, fileType: 'image/png' }, 4005],
  ];
  for (const [file, code] of /** @type {[any, number][]} */ (cases)) {
    const { attachmentId, answer } = await onAttachment(socket, file);
    assert.equal(answer.class, 'GenerateUrlError', JSON.stringify(file));
    assert.equal(answer.code, 200);
    assert.equal(answer.body.errorCode, code, JSON.stringify(file));
    assert.equal(answer.body.attachmentId, attachmentId);
    assert.ok(answer.body.errorMessage);
  }
  const missing = await socket.request('onAttachment', { fileName: 'a.png', fileType: 'image/png' });
  assert.equal(missing.class, 'string');
  assert.equal(missing.code, 4020);
});

test('refused after upload with UploadFailureEvent: more bytes than declared (4002), content not what it claims (4003)', async () => {
  const socket = await MessagingSocket.session(emulator);
  const big = await onAttachment(socket, { fileSize: 10 });
  assert.equal((await put(big.answer.body, Buffer.alloc(4096, 1))).status, 400);
  const tooBig = await outcome(socket, big.attachmentId);
  assert.equal(tooBig.class, 'UploadFailureEvent');
  assert.equal(tooBig.body.errorCode, 4002);

  const fake = await onAttachment(socket, { fileSize: 9 });
  assert.equal((await put(fake.answer.body, Buffer.from('not a png'))).status, 200);
  const invalid = await outcome(socket, fake.attachmentId);
  assert.equal(invalid.class, 'UploadFailureEvent');
  assert.equal(invalid.body.errorCode, 4003);
  const content = [{ contentType: 'Attachment', attachment: { id: fake.attachmentId } }];
  assert.equal((await socket.request('onMessage', { message: { type: 'Text', text: '', content } })).code, 4010);
});

test('the failNextUploads fault forces each upload failure code, and each reference failure code', async () => {
  const socket = await MessagingSocket.session(emulator);
  for (const code of [4001, 4002, 4003, 4004, 4005]) {
    await call(emulator, 'PATCH', '/emulator/attachments', { body: { failNextUploads: { count: 1, code } } });
    const { attachmentId, answer } = await onAttachment(socket);
    await put(answer.body, PNG);
    const failed = await outcome(socket, attachmentId);
    assert.equal(failed.class, 'UploadFailureEvent');
    assert.equal(failed.body.errorCode, code);
  }
  const { attachmentId } = await uploaded();
  for (const code of [4008, 4009, 4010]) {
    const { socket: guest, attachmentId: id } = await uploaded();
    await call(emulator, 'PATCH', '/emulator/attachments', { body: { failNextUploads: { count: 1, code } } });
    const content = [{ contentType: 'Attachment', attachment: { id } }];
    const refused = await guest.request('onMessage', { message: { type: 'Text', text: '', content } });
    assert.equal(refused.code, code);
    assert.equal(refused.class, 'string');
    // The fault is spent: the same message goes through now.
    assert.equal((await guest.request('onMessage', { message: { type: 'Text', text: '', content } })).code, 200);
  }
  // Another session's attachment is not found for this one.
  const content = [{ contentType: 'Attachment', attachment: { id: attachmentId } }];
  assert.equal((await socket.request('onMessage', { message: { type: 'Text', text: '', content } })).code, 4009);
  const bad = await call(emulator, 'PATCH', '/emulator/attachments', {
    body: { failNextUploads: { count: 1, code: 4006 } },
  });
  assert.equal(bad.status, 400);
});

test('download URLs expire and getAttachment gives a fresh one; an unknown or unfinished one is a GenerateUrlError', async () => {
  const { socket, attachmentId, downloadUrl } = await uploaded();
  assert.equal((await fetch(downloadUrl)).status, 200);
  await call(emulator, 'PATCH', '/emulator/attachments', { body: { downloadUrlTtlSeconds: 1 } });
  const short = (await socket.request('getAttachment', { attachmentId })).body.url;
  await until(async () => (await fetch(short)).status === 403, 5000);
  await call(emulator, 'PATCH', '/emulator/attachments', { body: { downloadUrlTtlSeconds: 600 } });
  const fresh = await socket.request('getAttachment', { attachmentId });
  assert.equal(fresh.class, 'PresignedUrlResponse');
  assert.deepEqual(fresh.body.headers, {});
  assert.notEqual(fresh.body.url, short);
  assert.equal((await fetch(fresh.body.url)).status, 200);

  const unknown = await socket.request('getAttachment', { attachmentId: crypto.randomUUID() });
  assert.equal(unknown.class, 'GenerateUrlError');
  assert.equal(unknown.body.errorCode, 4009);
  const pending = await onAttachment(socket);
  const notYet = await socket.request('getAttachment', { attachmentId: pending.attachmentId });
  assert.equal(notYet.body.errorCode, 4010);
});

test('deleteAttachment removes an unsent file: its URLs stop working and a message cannot refer to it', async () => {
  const { socket, attachmentId, downloadUrl } = await uploaded();
  const deleted = await socket.request('deleteAttachment', { attachmentId });
  assert.equal(deleted.class, 'AttachmentDeletedResponse');
  assert.equal(deleted.body.attachmentId, attachmentId);
  assert.equal((await fetch(downloadUrl)).status, 403);
  const content = [{ contentType: 'Attachment', attachment: { id: attachmentId } }];
  assert.equal((await socket.request('onMessage', { message: { type: 'Text', text: '', content } })).code, 4009);
  assert.equal((await socket.request('deleteAttachment', { attachmentId })).code, 4009);

  // Cancelled mid-upload: the PUT that comes later finds nothing.
  const pending = await onAttachment(socket);
  await socket.request('deleteAttachment', { attachmentId: pending.attachmentId });
  assert.equal((await put(pending.answer.body, PNG)).status, 403);
});

test('files go with their session (Presence Clear) and memory is bounded by maxStoredBytes', async () => {
  const { socket } = await uploaded();
  assert.equal((await call(emulator, 'GET', '/emulator/attachments')).body.files.length, 1);
  socket.sendRaw({
    action: 'onMessage',
    token: socket.token,
    message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] },
  });
  await socket.waitClosed();
  const after = (await call(emulator, 'GET', '/emulator/attachments')).body;
  assert.deepEqual(after.files, []);
  assert.equal(after.storedBytes, 0);

  await call(emulator, 'PATCH', '/emulator/attachments', { body: { maxStoredBytes: PNG.length + 10 } });
  await uploaded();
  const other = await MessagingSocket.session(emulator);
  const full = await onAttachment(other);
  assert.equal(full.answer.class, 'GenerateUrlError');
  assert.equal(full.answer.body.errorCode, 4002);
  // A file that declares no size is stopped at the room left.
  const undeclared = await other.request('onAttachment', {
    attachmentId: crypto.randomUUID(),
    fileName: 'b.png',
    fileType: 'image/png',
  });
  assert.equal((await put(undeclared.body, PNG)).status, 400);

  // Announced uploads count too: a client that never uploads cannot fill memory with them.
  await call(emulator, 'PATCH', '/emulator/attachments', { body: { maxStoredBytes: 64 * 1024 * 1024 } });
  let refused;
  for (let i = 0; i < 1001 && !refused; i++) {
    const { answer } = await onAttachment(other, { fileSize: 10 });
    if (answer.class === 'GenerateUrlError') refused = { i, code: answer.body.errorCode };
  }
  assert.ok(refused, 'the announcements stop being accepted');
  assert.equal(refused.code, 4002);
  assert.ok(refused.i >= 990 && refused.i <= 1000, `refused after about 1000 files, not ${refused.i}`);
});

test('an agent uploads through the message media route and sends the file; the guest receives it Outbound', async () => {
  const agent = await createAgent(emulator, { displayName: 'Ana', autoAnswer: true, autoAnswerDelayMs: 0 });
  const guest = await MessagingSocket.session(emulator);
  await guest.say('Hello');
  const listed = await until(async () => {
    const entity = (await call(emulator, 'GET', MESSAGES, { token: agent.token })).body.entities[0];
    return entity?.participants.some((/** @type {any} */ p) => p.purpose === 'agent' && p.state === 'connected')
      ? entity
      : undefined;
  });
  const generic = (await call(emulator, 'GET', `/api/v2/conversations/${listed.id}`, { token: agent.token })).body;
  const own = generic.participants.find((/** @type {any} */ p) => p.userId === agent.id);
  const base = `${MESSAGES}/${listed.id}/communications/${own.messages[0].id}/messages`;

  const upload = await call(emulator, 'POST', `${base}/media/uploads`, {
    token: agent.token,
    body: { fileName: 'label.png', contentLengthBytes: PNG.length },
  });
  assert.equal(upload.status, 200);
  assert.ok(upload.body.uploadUrl.startsWith(emulator.url));
  const early = await call(emulator, 'POST', base, {
    token: agent.token,
    body: { textBody: '', mediaIds: [upload.body.id] },
  });
  assert.equal(early.status, 400);
  const stored = await fetch(upload.body.uploadUrl, {
    method: 'PUT',
    headers: { ...upload.body.uploadHeaders, 'Content-Type': 'image/png' },
    body: new Uint8Array(PNG),
  });
  assert.equal(stored.status, 200);
  const media = await call(emulator, 'GET', `${base}/media/${upload.body.id}`, { token: agent.token });
  assert.equal(media.body.status, 'valid');

  const sent = await call(emulator, 'POST', base, {
    token: agent.token,
    body: { textBody: 'Your label', mediaIds: [upload.body.id] },
  });
  assert.equal(sent.status, 200);
  assert.equal(sent.body.media[0].name, 'label.png');
  const pushed = await guest.waitFor(
    (frame) => frame.class === 'StructuredMessage' && frame.body.direction === 'Outbound' && frame.body.content,
  );
  const item = pushed.body.content[0].attachment;
  assert.equal(pushed.body.text, 'Your label');
  assert.equal(item.filename, 'label.png');
  assert.equal(item.mediaType, 'Image');
  assert.equal((await fetch(item.url)).status, 200);
  const noUser = await call(emulator, 'POST', `${base}/media/uploads`, {
    body: { fileName: 'x.png', contentLengthBytes: 1 },
  });
  assert.equal(noUser.status, 401);
});
