// Web Messaging attachments, end to end on this server: `onAttachment` answers a presigned upload URL here (with the
// headers a real one signs), the `PUT` stores the file (type and size enforced, memory bounded), the guest hears
// `UploadSuccessEvent` or `UploadFailureEvent`, messages carry the attachment with a download URL that expires and
// `getAttachment` refreshes, and `deleteAttachment` removes an unsent one. Agents upload through the Platform API's
// message media route and send with `mediaIds`. Files live as long as the guest session that holds them.
import { createHmac, randomBytes } from 'node:crypto';
import { HttpError } from '../http.js';
import { agentOf } from '../agent-api.js';
import { customerOf, isEnded } from '../routing.js';
import { newId } from '../state.js';
import { frame, push, sendFrame, sessionOf } from './session.js';

/** @typedef {import('../state.js').Store} Store */
/** @typedef {import('./session.js').Session} Session */
/** @typedef {import('ws').WebSocket} WebSocket */
/** @typedef {import('../http.js').Exchange} Exchange */

/**
 * @typedef {object} AttachmentSettings  the deployment's attachment settings (SessionResponse `allowedMedia`)
 * @property {boolean} enabled  off: every attachment action answers 4000, as before attachments existed
 * @property {string[]} fileTypes  MIME types the guest may send (`image/*` and `*\/*` allowed)
 * @property {number} maxFileSizeKB  KB = 1000 bytes, as the SDK counts
 * @property {string[]} blockedExtensions  e.g. `.exe`
 * @property {number} downloadUrlTtlSeconds  how long a download URL works; `getAttachment` makes a new one
 * @property {number} maxStoredBytes  every stored file together; uploads beyond are refused
 */

/**
 * @typedef {object} StoredAttachment
 * @property {string} id
 * @property {Session} session  the guest session the file belongs to; it goes when the session goes
 * @property {'guest' | 'agent'} from
 * @property {string} fileName
 * @property {string} fileType  declared MIME type (the guest's) or the PUT's Content-Type (the agent's)
 * @property {number | undefined} declaredSize
 * @property {'pending' | 'uploaded' | 'failed'} state
 * @property {Buffer | null} bytes
 * @property {string} tagging  the `x-amz-tagging` header the upload must carry
 * @property {number} createdAt  epoch ms
 */

/** @type {Readonly<AttachmentSettings>} */
export const ATTACHMENT_DEFAULTS = Object.freeze({
  enabled: true,
  fileTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'],
  maxFileSizeKB: 10_240,
  blockedExtensions: ['.exe', '.bat', '.cmd', '.com', '.msi', '.scr', '.vbs', '.js', '.ade'],
  downloadUrlTtlSeconds: 600,
  maxStoredBytes: 64 * 1024 * 1024,
});

/** Codes a fault may force, and where each strikes. */
const UPLOAD_CODES = [4001, 4002, 4003, 4004, 4005];
const REFERENCE_CODES = [4008, 4009, 4010];
const MESSAGES = /** @type {Record<number, string>} */ ({
  4000: 'Attachments are not available.',
  4001: 'File type is not supported.',
  4002: 'File size is greater than the maximum allowed.',
  4003: 'File content is invalid.',
  4004: 'File name is invalid.',
  4005: 'File name is too long.',
  4008: 'Attachment has expired.',
  4009: 'Attachment not found.',
  4010: 'Attachment was not uploaded.',
});
/** Unsent uploads older than this are dropped. */
const UNSENT_TTL_MS = 60 * 60_000;
const MAX_NAME_LENGTH = 200;
/** Files held at once, uploaded or announced: a client that only ever announces uploads cannot grow memory either. */
const MAX_FILES = 1000;
const MEDIA = '/api/v2/conversations/messages/{conversationId}/communications/{communicationId}/messages/media';

/** The first bytes of the image types the "scan" recognises; a file claiming one of them must start so. */
const MAGIC = /** @type {Record<string, number[]>} */ ({
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/gif': [0x47, 0x49, 0x46, 0x38],
});

/** Settings per emulator: the start options' `webMessaging.attachments` over the defaults, then control API changes. */
const settingsByStore = /** @type {WeakMap<Store, AttachmentSettings>} */ (new WeakMap());

/**
 * The settings in force: the configured ones over the defaults.
 * @param {Store} store
 * @returns {AttachmentSettings}
 */
export function attachmentSettings(store) {
  let settings = settingsByStore.get(store);
  if (!settings) {
    const configured = /** @type {{attachments?: Partial<AttachmentSettings>}} */ (store.config.webMessaging)
      .attachments;
    settings = { ...ATTACHMENT_DEFAULTS, ...configured };
    settingsByStore.set(store, settings);
  }
  return settings;
}

/**
 * SessionResponse's `allowedMedia` and `blockedExtensions`: no types and size 0 when attachments are off.
 * @param {Store} store
 */
export function allowedMedia(store) {
  const settings = attachmentSettings(store);
  return {
    allowedMedia: {
      inbound: settings.enabled
        ? { fileTypes: settings.fileTypes.map((type) => ({ type })), maxFileSizeKB: settings.maxFileSizeKB }
        : { fileTypes: [], maxFileSizeKB: 0 },
    },
    blockedExtensions: settings.enabled ? [...settings.blockedExtensions] : [],
  };
}

/**
 * config.json's deprecated `messenger.fileUpload`, kept in step with `allowedMedia`.
 * @param {Store} store
 */
export function fileUploadConfig(store) {
  const settings = attachmentSettings(store);
  return settings.enabled
    ? {
        enableAttachments: true,
        modes: [{ fileTypes: [...settings.fileTypes], maxFileSizeKB: settings.maxFileSizeKB }],
      }
    : { enableAttachments: false, modes: [] };
}

/**
 * `Image`, `Video`, `Audio` or `File`, as the wire's `mediaType`.
 * @param {string} mime
 */
const mediaTypeOf = (mime) =>
  mime.startsWith('image/')
    ? 'Image'
    : mime.startsWith('video/')
      ? 'Video'
      : mime.startsWith('audio/')
        ? 'Audio'
        : 'File';

/**
 * @param {string[]} allowed
 * @param {string} type
 */
const typeAllowed = (allowed, type) =>
  allowed.some(
    (entry) => entry === '*/*' || entry === type || (entry.endsWith('/*') && type.startsWith(entry.slice(0, -1))),
  );

/** A refused request of the guest socket, thrown as the socket's own error class. @typedef {(code: number, message: string) => Error} Refuse */

/**
 * The attachment side of the emulator.
 * @param {Store} store
 * @param {{base: () => string}} options  `base`: this server's `http://host:port`, where uploads and downloads go
 */
export function createAttachments(store, { base }) {
  /** @type {Map<string, StoredAttachment>} */
  const files = new Map();
  const secret = randomBytes(32);
  /** Forced failures: `count` next uploads (4001-4005) or attachment references (4008-4010) fail with `code`. */
  let fault = /** @type {{count: number, code: number} | null} */ (null);
  /** A pause before each PUT is answered, so that a test can act while an upload is under way. */
  let uploadDelayMs = 0;

  store.on('reset', () => {
    settingsByStore.delete(store);
    files.clear();
    fault = null;
    uploadDelayMs = 0;
  });

  /** @param {string} text */
  const sign = (text) => createHmac('sha256', secret).update(text).digest('hex');

  /** Bytes held by every stored file. */
  const storedBytes = () => [...files.values()].reduce((sum, file) => sum + (file.bytes?.length ?? 0), 0);

  /** Forgets files whose session is gone (cleared, expired, started over, reset) and unsent ones left too long. */
  const sweep = () => {
    const at = Date.now();
    for (const file of files.values()) {
      const current = store.webMessagingSessions.get(file.session.token) === file.session && !file.session.expired;
      if (!current || (file.state !== 'uploaded' && at - file.createdAt > UNSENT_TTL_MS)) files.delete(file.id);
    }
  };

  /**
   * Takes the fault for one event at `where`, when it is armed for it.
   * @param {number[]} where
   */
  const takeFault = (where) => {
    if (!fault || !where.includes(fault.code)) return null;
    const { code } = fault;
    fault.count -= 1;
    if (fault.count <= 0) fault = null;
    return code;
  };

  /** @param {StoredAttachment} file */
  const downloadUrl = (file) => {
    // Whole seconds, never less than the TTL.
    const expires = Math.ceil(Date.now() / 1000 + attachmentSettings(store).downloadUrlTtlSeconds);
    const path = `/attachments/files/${file.id}/${encodeURIComponent(file.fileName)}`;
    return `${base()}${path}?Expires=${expires}&Signature=${sign(`${file.id}:${expires}`)}`;
  };

  /** @param {StoredAttachment} file */
  const uploadUrl = (file) => `${base()}/attachments/upload/${file.id}?Signature=${sign(`put:${file.id}`)}`;

  /**
   * The `content[]` item of a message that carries the file.
   * @param {StoredAttachment} file
   */
  const contentItem = (file) => ({
    contentType: 'Attachment',
    attachment: {
      id: file.id,
      url: downloadUrl(file),
      filename: file.fileName,
      fileSize: file.bytes?.length ?? 0,
      mediaType: mediaTypeOf(file.fileType),
      mime: file.fileType,
    },
  });

  /**
   * A `GenerateUrlError` for a refused `onAttachment` or `getAttachment`.
   * @param {WebSocket} socket
   * @param {string} attachmentId
   * @param {number} code
   * @param {string | undefined} tracingId
   */
  const generateUrlError = (socket, attachmentId, code, tracingId) =>
    sendFrame(
      socket,
      frame(
        'message',
        'GenerateUrlError',
        200,
        { attachmentId, errorCode: code, errorMessage: MESSAGES[code] },
        tracingId,
      ),
    );

  /**
   * The answer to an upload or download request: where to send or fetch the file, with the headers that go with it.
   * @param {import('ws').WebSocket} socket
   * @param {string | undefined} tracingId
   * @param {StoredAttachment} file
   * @param {string} url
   * @param {Record<string, string>} headers
   * @param {number | undefined} fileSize
   */
  const presigned = (socket, tracingId, file, url, headers, fileSize) =>
    sendFrame(
      socket,
      frame(
        'response',
        'PresignedUrlResponse',
        200,
        { attachmentId: file.id, headers, url, fileName: file.fileName, fileSize, fileType: file.fileType },
        tracingId,
      ),
    );

  /**
   * Why the guest may not upload this file, as a code, or 0.
   * @param {string} fileName
   * @param {string} fileType
   * @param {unknown} fileSize
   */
  const refusal = (fileName, fileType, fileSize) => {
    const settings = attachmentSettings(store);
    // Path separators and control characters never make a file name.
    if (fileName.trim() === '' || /[\\/\u0000-\u001f\u007f]/.test(fileName)) return 4004;
    if (fileName.length > MAX_NAME_LENGTH) return 4005;
    const lower = fileName.toLowerCase();
    if (settings.blockedExtensions.some((extension) => lower.endsWith(extension.toLowerCase()))) return 4001;
    if (!typeAllowed(settings.fileTypes, fileType)) return 4001;
    if (typeof fileSize === 'number' && fileSize > settings.maxFileSizeKB * 1000) return 4002;
    return 0;
  };

  /**
   * `onAttachment`, `getAttachment` or `deleteAttachment` from a configured session.
   * @param {WebSocket} socket
   * @param {Session} session
   * @param {any} request
   * @param {Refuse} refuse
   */
  function handle(socket, session, request, refuse) {
    const { action, tracingId, attachmentId } = request;
    if (!attachmentSettings(store).enabled) throw refuse(4000, MESSAGES[4000]);
    if (typeof attachmentId !== 'string' || attachmentId === '')
      throw refuse(4020, 'Missing required parameter: attachmentId');
    sweep();
    const existing = files.get(attachmentId);
    const own = existing?.session === session ? existing : undefined;
    if (action === 'onAttachment') {
      const { fileName, fileType, fileSize } = request;
      if (typeof fileName !== 'string') throw refuse(4020, 'Missing required parameter: fileName');
      if (typeof fileType !== 'string' || fileType === '') throw refuse(4020, 'Missing required parameter: fileType');
      if (existing && !own) throw refuse(400, 'Request failed.');
      const code = refusal(fileName, fileType, fileSize);
      if (code) return generateUrlError(socket, attachmentId, code, tracingId);
      const full = typeof fileSize === 'number' && storedBytes() + fileSize > attachmentSettings(store).maxStoredBytes;
      if (full || (!own && files.size >= MAX_FILES)) return generateUrlError(socket, attachmentId, 4002, tracingId);
      /** @type {StoredAttachment} */
      const file = {
        id: attachmentId,
        session,
        from: 'guest',
        fileName,
        fileType,
        declaredSize: typeof fileSize === 'number' ? fileSize : undefined,
        state: 'pending',
        bytes: null,
        tagging: `deploymentId=${store.config.deploymentId}&sessionId=${session.id}`,
        createdAt: Date.now(),
      };
      files.set(file.id, file);
      presigned(socket, tracingId, file, uploadUrl(file), { 'x-amz-tagging': file.tagging }, file.declaredSize);
      return;
    }
    if (action === 'getAttachment') {
      const forced = takeFault(REFERENCE_CODES);
      const code = forced ?? (!own ? 4009 : own.state !== 'uploaded' ? 4010 : 0);
      if (code || !own) return generateUrlError(socket, attachmentId, code || 4009, tracingId);
      presigned(socket, tracingId, own, downloadUrl(own), {}, own.bytes?.length);
      return;
    }
    // deleteAttachment
    if (!own) throw refuse(4009, MESSAGES[4009]);
    files.delete(attachmentId);
    sendFrame(socket, frame('message', 'AttachmentDeletedResponse', 200, { attachmentId }, tracingId));
  }

  /**
   * The files a guest message refers to (`content[]` Attachment items, or the legacy `attachmentIds`), checked:
   * each must be the session's own and uploaded. Returns the message's `content` with each item complete, and the
   * files; throws 4008-4010 otherwise.
   * @param {Session} session
   * @param {any[] | undefined} content
   * @param {unknown} legacyIds
   * @param {Refuse} refuse
   */
  function resolve(session, content, legacyIds, refuse) {
    const ids = [
      ...(content ?? []).filter((item) => item?.contentType === 'Attachment').map((item) => item.attachment?.id),
      ...(Array.isArray(legacyIds) ? legacyIds : []),
    ];
    if (ids.length === 0) return { content, files: [] };
    if (!attachmentSettings(store).enabled) throw refuse(4000, MESSAGES[4000]);
    const forced = takeFault(REFERENCE_CODES);
    if (forced) throw refuse(forced, MESSAGES[forced]);
    sweep();
    /** @type {StoredAttachment[]} */
    const found = [];
    for (const id of ids) {
      const file = typeof id === 'string' ? files.get(id) : undefined;
      if (!file || file.session !== session) throw refuse(4009, MESSAGES[4009]);
      if (file.state !== 'uploaded') throw refuse(4010, MESSAGES[4010]);
      found.push(file);
    }
    const items = found.map(contentItem);
    const others = (content ?? []).filter((item) => item?.contentType !== 'Attachment');
    return { content: [...others, ...items], files: found };
  }

  /**
   * The message's files as the conversation records them for the agent.
   * @param {StoredAttachment[]} found
   */
  const recorded = (found) => found.map((file) => ({ id: file.id }));

  /**
   * `content[]` items with fresh download URLs for the files a recorded message carries.
   * @param {{id: string}[] | undefined} attachments
   */
  const contentOf = (attachments) =>
    (attachments ?? []).flatMap((ref) => {
      const file = files.get(ref.id);
      return file ? [contentItem(file)] : [];
    });

  /**
   * The Platform API's `MessageMedia` of a recorded message's files, for agents.
   * @param {{id: string}[] | undefined} attachments
   */
  const mediaOf = (attachments) =>
    contentOf(attachments).map(({ attachment }) => ({
      id: attachment.id,
      url: attachment.url,
      name: attachment.filename,
      mediaType: attachment.mime,
      contentLengthBytes: attachment.fileSize,
    }));

  /**
   * The agent's `mediaIds`, checked: uploaded files of this conversation's session.
   * @param {import('../state.js').Conversation} conversation
   * @param {unknown} mediaIds
   */
  function agentMedia(conversation, mediaIds) {
    if (mediaIds === undefined) return [];
    const session = sessionOf(store, conversation);
    if (!Array.isArray(mediaIds) || mediaIds.length > 10) throw badMedia('Send mediaIds as an array of at most 10 ids');
    return mediaIds.map((id) => {
      const file = files.get(id);
      if (!file || file.session !== session || file.from !== 'agent' || file.state !== 'uploaded')
        throw badMedia(`Media ${String(id)} is not an uploaded file of this conversation`);
      return { id: file.id };
    });
  }

  /**
   * Reads a PUT body into memory, stopping at `limit` bytes.
   * @param {import('node:http').IncomingMessage} req
   * @param {number} limit
   */
  async function readBody(req, limit) {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return null;
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > limit) return null;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /**
   * An S3-like error answer of the upload and download URLs.
   * @param {Exchange} exchange
   * @param {number} status
   * @param {string} code
   */
  const s3Error = (exchange, status, code) => {
    exchange.res.writeHead(status, {
      'Content-Type': 'application/xml',
      'Access-Control-Allow-Origin': exchange.req.headers.origin ?? '*',
    });
    exchange.res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
  };

  /**
   * Tells the guest how an upload ended (lost when no socket of the session is open; `getAttachment` then tells).
   * @param {StoredAttachment} file
   * @param {number} code  0 for success
   */
  const report = (file, code) => {
    if (file.from !== 'guest') return;
    const timestamp = new Date().toISOString();
    if (code) {
      push(store, file.session, 'UploadFailureEvent', {
        attachmentId: file.id,
        errorCode: code,
        errorMessage: MESSAGES[code],
        timestamp,
      });
    } else {
      push(store, file.session, 'UploadSuccessEvent', {
        attachmentId: file.id,
        downloadUrl: downloadUrl(file),
        timestamp,
      });
    }
  };

  /**
   * @param {import('../http.js').Router} router
   */
  function register(router) {
    // The presigned upload URL: signature in the query, the signed headers and the declared type required.
    router.on('PUT', '/attachments/upload/{attachmentId}', async (exchange) => {
      const file = files.get(exchange.params.attachmentId);
      if (!file || exchange.query('Signature') !== sign(`put:${file.id}`))
        return s3Error(exchange, 403, 'AccessDenied');
      const { headers } = exchange.req;
      const type = String(headers['content-type'] ?? '')
        .split(';')[0]
        .trim();
      if (headers['x-amz-tagging'] !== file.tagging || (file.from === 'guest' && type !== file.fileType))
        return s3Error(exchange, 403, 'SignatureDoesNotMatch');
      if (file.state !== 'pending') return s3Error(exchange, 409, 'OperationAborted');
      const settings = attachmentSettings(store);
      const room = settings.maxStoredBytes - storedBytes();
      const limit = Math.min(file.declaredSize ?? Infinity, settings.maxFileSizeKB * 1000, room);
      const bytes = await readBody(exchange.req, limit);
      if (uploadDelayMs > 0) await new Promise((resolve) => store.later(() => resolve(undefined), uploadDelayMs));
      if (files.get(file.id) !== file) return s3Error(exchange, 404, 'NoSuchUpload');
      if (!bytes) {
        file.state = 'failed';
        report(file, 4002);
        exchange.req.resume();
        return s3Error(exchange, 400, 'EntityTooLarge');
      }
      if (file.from === 'agent') file.fileType = type || 'application/octet-stream';
      const magic = MAGIC[file.fileType];
      const forced = file.from === 'guest' ? takeFault(UPLOAD_CODES) : null;
      const code = forced ?? (magic && !magic.every((byte, i) => bytes[i] === byte) ? 4003 : 0);
      file.state = code ? 'failed' : 'uploaded';
      file.bytes = code ? null : bytes;
      exchange.send(200, undefined, { ETag: `"${sign(file.id).slice(0, 32)}"` });
      report(file, code);
    });

    // Download URLs: they work until `Expires`, then answer 403 as an expired presigned URL does.
    router.on('GET', '/attachments/files/{attachmentId}/{fileName}', (exchange) => {
      const file = files.get(exchange.params.attachmentId);
      const expires = Number(exchange.query('Expires'));
      if (!file || file.state !== 'uploaded' || exchange.query('Signature') !== sign(`${file.id}:${expires}`))
        return s3Error(exchange, 403, 'AccessDenied');
      if (!(expires * 1000 > Date.now())) return s3Error(exchange, 403, 'AccessDenied');
      const bytes = /** @type {Buffer} */ (file.bytes);
      exchange.res.writeHead(200, {
        'Content-Type': file.fileType,
        'Content-Length': bytes.length,
        'Content-Disposition': `${file.fileType.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=60',
        'Access-Control-Allow-Origin': exchange.req.headers.origin ?? '*',
        // A file served from here must never run as a page of this origin.
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      exchange.res.end(bytes);
    });

    // The agent's upload: Platform API `MessageMediaUploadData`, then a PUT to `uploadUrl` with `uploadHeaders`.
    router.on('POST', `${MEDIA}/uploads`, async (exchange) => {
      const { conversation } = agentCommunication(exchange);
      const body = await exchange.json();
      const session = sessionOf(store, conversation);
      if (typeof body?.fileName !== 'string' || body.fileName === '' || body.fileName.length > MAX_NAME_LENGTH)
        throw badMedia('fileName is required (at most 200 characters)');
      if (!Number.isInteger(body.contentLengthBytes) || body.contentLengthBytes < 1)
        throw badMedia('contentLengthBytes must be a whole number >= 1');
      if (!session) throw new HttpError(409, 'request.conflict', 'The guest has no session to send files to.');
      sweep();
      /** @type {StoredAttachment} */
      const file = {
        id: newId(),
        session,
        from: 'agent',
        fileName: body.fileName,
        fileType: 'application/octet-stream',
        declaredSize: body.contentLengthBytes,
        state: 'pending',
        bytes: null,
        tagging: `conversationId=${conversation.id}`,
        createdAt: Date.now(),
      };
      files.set(file.id, file);
      exchange.send(200, {
        id: file.id,
        name: file.fileName,
        uploadUrl: uploadUrl(file),
        uploadHeaders: { 'x-amz-tagging': file.tagging },
        selfUri: `${MEDIA.replace('{conversationId}', conversation.id).replace('{communicationId}', exchange.params.communicationId)}/${file.id}`,
      });
    });

    router.on('GET', `${MEDIA}/{mediaId}`, (exchange) => {
      const { conversation } = agentCommunication(exchange);
      const file = files.get(exchange.params.mediaId);
      if (!file || file.session !== sessionOf(store, conversation))
        throw new HttpError(404, 'not.found', 'The requested resource was not found.');
      exchange.send(200, {
        id: file.id,
        name: file.fileName,
        url: file.state === 'uploaded' ? downloadUrl(file) : undefined,
        mediaType: file.fileType,
        contentLengthBytes: file.bytes?.length ?? file.declaredSize,
        status: file.state === 'uploaded' ? 'valid' : file.state === 'failed' ? 'invalid' : 'uploading',
        conversationId: conversation.id,
        communicationId: exchange.params.communicationId,
      });
    });

    // Emulator control: the deployment's attachment settings, switchable while running, and the upload faults.
    router.on('GET', '/emulator/attachments', (exchange) => {
      sweep();
      exchange.send(200, {
        settings: attachmentSettings(store),
        storedBytes: storedBytes(),
        files: [...files.values()].map((file) => ({
          id: file.id,
          from: file.from,
          fileName: file.fileName,
          fileType: file.fileType,
          state: file.state,
          size: file.bytes?.length ?? 0,
        })),
      });
    });

    router.on('PATCH', '/emulator/attachments', async (exchange) => {
      const body = await exchange.json();
      if (!body || typeof body !== 'object') throw badControl('body', 'Send a JSON object');
      const settings = attachmentSettings(store);
      const next = { ...settings };
      if (body.enabled !== undefined) {
        if (typeof body.enabled !== 'boolean') throw badControl('enabled', 'enabled must be a boolean');
        next.enabled = body.enabled;
      }
      for (const key of /** @type {const} */ (['fileTypes', 'blockedExtensions'])) {
        if (body[key] === undefined) continue;
        if (
          !Array.isArray(body[key]) ||
          body[key].some((/** @type {unknown} */ item) => typeof item !== 'string' || item === '')
        )
          throw badControl(key, `${key} must be an array of strings`);
        next[key] = [...body[key]];
      }
      for (const key of /** @type {const} */ (['maxFileSizeKB', 'downloadUrlTtlSeconds', 'maxStoredBytes'])) {
        if (body[key] === undefined) continue;
        if (!Number.isInteger(body[key]) || body[key] < 1) throw badControl(key, `${key} must be a whole number >= 1`);
        next[key] = body[key];
      }
      if (body.failNextUploads !== undefined) {
        const { count, code } = body.failNextUploads ?? {};
        if (!Number.isInteger(count) || count < 1)
          throw badControl('failNextUploads.count', 'failNextUploads.count must be a whole number >= 1');
        if (![...UPLOAD_CODES, ...REFERENCE_CODES].includes(code))
          throw badControl('failNextUploads.code', 'failNextUploads.code must be 4001-4005 or 4008-4010');
        fault = { count, code };
      }
      if (body.uploadDelayMs !== undefined) {
        if (!Number.isInteger(body.uploadDelayMs) || body.uploadDelayMs < 0)
          throw badControl('uploadDelayMs', 'uploadDelayMs must be a whole number >= 0');
        uploadDelayMs = body.uploadDelayMs;
      }
      Object.assign(settings, next);
      exchange.send(200, { settings, failNextUploads: fault, uploadDelayMs });
    });
  }

  /**
   * The calling agent's own connected communication in a Web Messaging conversation of the path.
   * @param {Exchange} exchange
   */
  function agentCommunication(exchange) {
    const agent = agentOf(store, exchange);
    const conversation = store.conversations.get(exchange.params.conversationId);
    const member = conversation?.members.find((candidate) => candidate.id === exchange.params.communicationId);
    if (
      !conversation ||
      conversation.kind !== 'web-messaging' ||
      isEnded(conversation) ||
      !member ||
      member.agentId !== agent.id ||
      member.state !== 'CONNECTED' ||
      !customerOf(conversation)
    )
      throw new HttpError(404, 'not.found', 'The requested resource was not found.');
    return { conversation, member };
  }

  return { handle, resolve, recorded, contentOf, mediaOf, agentMedia, register };
}

/** @param {string} message */
const badMedia = (message) =>
  new HttpError(400, 'invalid.value', message, { details: [{ errorCode: 'invalid.value', fieldName: 'mediaIds' }] });

/**
 * @param {string} fieldName
 * @param {string} message
 */
const badControl = (fieldName, message) =>
  new HttpError(400, 'invalid.value', message, { details: [{ errorCode: 'invalid.value', fieldName }] });
