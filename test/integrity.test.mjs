// The CDN build refuses a changed file: the script checks the element's file, and the element checks every other file
// it may fetch (transports, languages, rich messages, attachments, the chunks those share) against the integrity
// values the build wrote in, before any of it runs. Under the demo's strict CSP with Trusted Types, in headless
// Chromium. Needs `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { STRICT_CSP } from '../demo/static.js';
import { demoInChromium } from './helpers/demo-in-chromium.mjs';

const demo = demoInChromium(STRICT_CSP);

/**
 * The demo page (`path`) with `file` (a path under /dist/) served with one line added that would mark the page if it
 * ran.
 * @param {string | null} file
 */
async function pageWith(file, path = '/') {
  await withEchoBot();
  const page = await demo.browser.newPage();
  const fetched = new Map();
  const warnings = [];
  page.on('console', (message) => warnings.push(message.text()));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    fetched.set(path, (fetched.get(path) ?? 0) + 1);
  });
  if (file) {
    await page.route(`**/dist/${file}`, async (route) => {
      try {
        const response = await route.fetch();
        const body = `${await response.text()}\nwindow.__tampered = ${JSON.stringify(file)};`;
        await route.fulfill({ response, body });
      } catch {
        // A retry still on its way when the test closes the page.
      }
    });
  }
  await page.goto(`${demo.emulator.url}${path}`);
  return { page, fetched, warnings };
}

const refused = (warnings, file) => warnings.some((text) => text.includes('refused') && text.includes(`/dist/${file}`));

/**
 * Opens the panel at its form, as a visitor does.
 * @param {import('playwright-core').Page} page
 */
async function openForm(page) {
  await page.locator('guest-chat [part~="launcher"]').click();
  await page.locator('guest-chat #field-name').waitFor();
}

async function startChat(page) {
  await page.locator('guest-chat [part~="launcher"]').click();
  await page.locator('guest-chat #field-name').fill('Dana');
  await page.locator('guest-chat [part~="prechat"] button[type="submit"]').click();
}

test('unchanged files load, each fetched once, and a chat starts', async () => {
  const { page, fetched } = await pageWith(null);
  await startChat(page);
  await page.locator('guest-chat [part~="composer"] textarea').waitFor();
  assert.equal(fetched.get('/dist/guest-chat-core.js'), 1);
  assert.equal(fetched.get('/dist/transport/guest-chat.js'), 1);
  assert.equal(fetched.has('/dist/chunks/keyboard-viewport.js'), false, 'a wide screen has no keyboard-aware layout');
  await page.close();
});

test('a changed element file is refused: it never runs and the element is not defined', async () => {
  const { page, warnings } = await pageWith('guest-chat-core.js');
  await page.locator('guest-chat [part~="launcher"]').click();
  await page.waitForFunction(() => document.querySelector('link[rel="modulepreload"]') === null);
  await waitFor(() => refused(warnings, 'guest-chat-core.js'));
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  assert.equal(await page.evaluate(() => customElements.get('guest-chat')), undefined);
  await page.close();
});

test('a changed transport file is refused: it never runs and the chat says it is not available', async () => {
  const { page, warnings } = await pageWith('transport/guest-chat.js');
  await startChat(page);
  await page.locator('guest-chat .center .error').waitFor();
  assert.equal(await page.locator('guest-chat .center .error').textContent(), 'Chat is not available right now.');
  assert.ok(refused(warnings, 'transport/guest-chat.js'));
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  await page.close();
});

test('a changed language file is refused: it never runs and the widget stays in English', async () => {
  const { page, warnings } = await pageWith('i18n/fr.js');
  await openForm(page);
  await page.evaluate(() => document.querySelector('guest-chat').setAttribute('lang', 'fr'));
  await waitFor(() => refused(warnings, 'i18n/fr.js'));
  assert.equal(await page.locator('guest-chat [part~="prechat"] button[type="submit"]').textContent(), 'Start chat');
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  await page.close();
});

test("a changed table of the language files' values is refused, and with it every language", async () => {
  const { page, warnings } = await pageWith('i18n/integrity.js');
  await openForm(page);
  await page.evaluate(() => document.querySelector('guest-chat').setAttribute('lang', 'de'));
  await waitFor(() => refused(warnings, 'i18n/integrity.js'));
  assert.equal(await page.locator('guest-chat [part~="prechat"] button[type="submit"]').textContent(), 'Start chat');
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  await page.close();
});

test("a changed file of the console warnings' words is refused: it never runs and the warning still names its problem", async () => {
  const { page, warnings } = await pageWith('chunks/config-problems.js');
  await openForm(page);
  await page.evaluate(() => document.querySelector('guest-chat').setAttribute('position', 'top-middle'));
  await waitFor(() => refused(warnings, 'chunks/config-problems.js'));
  await waitFor(() => warnings.includes('<guest-chat> position:top-middle'));
  assert.ok(!warnings.some((text) => text.includes('bottom-right or bottom-left')), 'the changed words never showed');
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  await page.close();
});

test('a changed keyboard-aware layout is refused: it never runs, and the panel still fills a narrow screen', async () => {
  const { page, warnings } = await pageWith('chunks/keyboard-viewport.js');
  await page.setViewportSize({ width: 375, height: 640 });
  await openForm(page);
  await waitFor(() => refused(warnings, 'chunks/keyboard-viewport.js'));
  const panel = await page.locator('guest-chat [part~="panel"]').boundingBox();
  assert.deepEqual([panel.x, panel.y, panel.width], [0, 0, 375]);
  assert.equal(await page.evaluate(() => document.documentElement.style.overflow), '');
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  await page.close();
});

/** What the build wrote in `i18n/integrity.js`: each file the element may fetch, its value, then what it imports. */
const manifest = () =>
  JSON.parse(
    readFileSync('dist/i18n/integrity.js', 'utf8')
      .replace(/^export default /, '')
      .replace(/;\s*$/, ''),
  );
/** The hashed chunk the attachment UI and the upload code both import. */
const sharedChunk = () => Object.keys(manifest()).find((file) => /^chunks\/attachments-[\w-]+\.js$/.test(file));

const WEB_MESSAGING = '/?transport=web-messaging';
const BOT_MENU = 'What can I help you with?';
const UNSUPPORTED = "This message can't be shown here.";
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** An echo bot that answers every chat, added once: on Web Messaging it sends quick replies for "menu" and names the one chosen. */
let echoBot;
const withEchoBot = () =>
  (echoBot ??= fetch(`${demo.emulator.url}/emulator/agents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ displayName: 'Echo', autoAnswer: true, autoAnswerDelayMs: 0, bot: 'echo' }),
  }).then((response) => assert.ok(response.ok)));

async function say(page, text) {
  await page.locator('guest-chat [part~="composer"] textarea').fill(text);
  await page.locator('guest-chat [part~="send-button"]').click();
}

const agentSaid = (page, text) => page.locator('guest-chat [part~="message"][part~="agent"]', { hasText: text });

async function attach(page) {
  await page.locator('guest-chat [part~="composer"] input[type="file"]').setInputFiles({
    name: 'meter.png',
    mimeType: 'image/png',
    buffer: PNG,
  });
}

/** Files under /dist/ whose `modulepreload` link the page added, with the integrity value each was checked against. */
const preloaded = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('link[rel="modulepreload"]')].map((link) => [
        new URL(link.href).pathname.replace(/^\/dist\//, ''),
        link.integrity,
      ]),
    ),
  );

test('every file the element can fetch has a value in its table or in the manifest the table vouches for', () => {
  const core = readFileSync('dist/guest-chat-core.js', 'utf8');
  const listed = manifest();
  const table = JSON.parse(/\{"transport\/guest-chat\.js":[^}]*\}/.exec(core)[0]);
  const reached = new Set();
  const follow = (file) => {
    for (const [, specifier] of readFileSync(`dist/${file}`, 'utf8').matchAll(
      /(?:\bfrom|\bimport\(?)\s*"(\.{1,2}\/[^"]+)"/g,
    )) {
      const path = new URL(specifier, `http://x/${file}`).pathname.slice(1);
      if (path !== 'guest-chat-core.js' && !reached.has(path)) {
        reached.add(path);
        follow(path);
      }
    }
  };
  follow('guest-chat-core.js');
  const lazy = [
    'rich/rich.js',
    'rich/reply.js',
    'chunks/attach.js',
    'chunks/uploads.js',
    'chunks/keyboard-viewport.js',
  ];
  for (const file of [...lazy, sharedChunk()]) {
    assert.ok(reached.has(file), `${file} is reached`);
  }
  for (const file of reached) assert.ok(table[file] ?? listed[file], `${file} has an integrity value`);
  assert.ok(table['i18n/integrity.js']);
  // What a file imports is listed with it, so it is checked before the file is imported.
  assert.deepEqual(listed['chunks/attach.js'].slice(1), [sharedChunk()]);
});

test('the lazy files load once each, each checked first: rich messages, an answer, attachments and their language', async () => {
  const { page, fetched } = await pageWith(null, WEB_MESSAGING);
  await startChat(page);
  await page.locator('guest-chat [part~="attach-button"]').waitFor();
  await say(page, 'menu');
  await page.locator('guest-chat [part~="quick-reply"]', { hasText: 'Opening hours' }).click();
  await agentSaid(page, 'You chose: Opening hours (HOURS)').waitFor();
  await attach(page);
  await page.locator('guest-chat .uploads .upload.ready').waitFor();
  await page.evaluate(() => document.querySelector('guest-chat').setAttribute('lang', 'fr'));
  await page.locator('guest-chat [part~="attach-button"][aria-label="Joindre un fichier"]').waitFor();

  const listed = manifest();
  const checked = await preloaded(page);
  const lazy = [
    'transport/web-messaging-content.js',
    'rich/rich.js',
    'rich/reply.js',
    'chunks/attach.js',
    sharedChunk(),
    'chunks/uploads.js',
    'chunks/attach-fr.js',
    'i18n/fr.js',
  ];
  for (const file of lazy) assert.equal(checked[file], listed[file][0], `${file} is checked against its value`);
  // Every module the page fetched beside the script was checked, and fetched once: the import took the checked one.
  const modules = [...fetched.keys()].filter((path) => /^\/dist\/.+\.js$/.test(path));
  for (const path of modules.filter((path) => path !== '/dist/guest-chat.min.js')) {
    assert.ok(checked[path.slice('/dist/'.length)], `${path} is checked`);
    assert.equal(fetched.get(path), 1, `${path} is fetched once`);
  }
  assert.ok(lazy.every((file) => modules.includes(`/dist/${file}`)));
  await page.close();
});

/**
 * A Web Messaging chat with `file` changed on the server: `act` runs, the browser refuses the file, and it never ran.
 * @param {string} file
 * @param {(page: import('playwright-core').Page) => Promise<void>} act
 */
async function refusedInChat(file, act) {
  const { page, warnings } = await pageWith(file, WEB_MESSAGING);
  await startChat(page);
  await page.locator('guest-chat [part~="composer"] textarea').waitFor();
  await act(page);
  await waitFor(() => refused(warnings, file));
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  return page;
}

for (const [what, file] of [
  ['content reader', 'transport/web-messaging-content.js'],
  ['rich message renderer', 'rich/rich.js'],
]) {
  test(`a changed ${what} is refused: it never runs and the message shows as text with a notice`, async () => {
    const page = await refusedInChat(file, (page) => say(page, 'menu'));
    await agentSaid(page, BOT_MENU).locator('.unsupported', { hasText: UNSUPPORTED }).waitFor();
    assert.equal(await page.locator('guest-chat [part~="quick-reply"]').count(), 0);
    await page.close();
  });
}

test('a changed answer matching is refused: it never runs, and the choice goes as plain text instead', async () => {
  const page = await refusedInChat('rich/reply.js', async (page) => {
    await say(page, 'menu');
    await page.locator('guest-chat [part~="quick-reply"]', { hasText: 'Opening hours' }).click();
  });
  // The echo bot names a ButtonResponse "You chose: ..." and echoes a typed message "You said: ...".
  await agentSaid(page, 'You said: Opening hours').waitFor();
  const own = await page.locator('guest-chat [part~="message"][part~="own"]').allTextContents();
  assert.ok(
    own.some((text) => text.includes('Opening hours')),
    "the visitor's choice shows as their message",
  );
  assert.equal(await page.locator('guest-chat [part~="quick-reply"]').count(), 0, 'the choices are answered');
  assert.equal(await agentSaid(page, 'You chose: Opening hours').count(), 0, 'no ButtonResponse went out');
  await page.close();
});

for (const [what, file] of [
  ['attachment UI', 'chunks/attach.js'],
  ['chunk the attachment files share', null],
]) {
  test(`a changed ${what} is refused: it never runs, and the chat goes on without attachments`, async () => {
    const page = await refusedInChat(file ?? sharedChunk(), (page) => say(page, 'Hello'));
    await agentSaid(page, 'You said: Hello').waitFor();
    assert.equal(await page.locator('guest-chat [part~="attach-button"]').count(), 0);
    await page.close();
  });
}

test('a changed upload code is refused: it never runs and the file shows as not uploaded, with a retry', async () => {
  const page = await refusedInChat('chunks/uploads.js', async (page) => {
    await page.locator('guest-chat [part~="attach-button"]').waitFor();
    await attach(page);
  });
  await page.locator('guest-chat .uploads .upload.failed .why', { hasText: 'Not uploaded' }).waitFor();
  assert.equal(await page.locator('guest-chat .uploads .upload.failed .retry').count(), 1);
  await page.close();
});

test('a changed language file of the attachment UI is refused: the rest of the widget is French, its button English', async () => {
  const page = await refusedInChat('chunks/attach-fr.js', async (page) => {
    await page.locator('guest-chat [part~="attach-button"]').waitFor();
    await page.evaluate(() => document.querySelector('guest-chat').setAttribute('lang', 'fr'));
  });
  await page.locator('guest-chat [part~="send-button"][aria-label="Envoyer"]').waitFor();
  await say(page, 'Bonjour');
  await agentSaid(page, 'You said: Bonjour').waitFor();
  assert.equal(await page.locator('guest-chat [part~="attach-button"]').getAttribute('aria-label'), 'Attach a file');
  await page.close();
});

/** Waits for a condition checked in this process (console messages arrive asynchronously). */
async function waitFor(condition) {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error('condition not met');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
