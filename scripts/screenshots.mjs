// `node scripts/screenshots.mjs`: takes the README's screenshots from the demo in headless Chromium. It starts the
// emulator with the demo pages on a free port, runs a short chat between the demo site and the agent console, and
// writes docs/*.png. Run `npm run build` first: it serves what the build made.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from '../demo/static.js';
import { startEmulator } from '../emulator/server.js';
import { findChromium } from './browsers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = `${root}docs/`;
for (const built of ['dist/guest-chat.min.js', 'dist/demo/agent.js']) {
  if (!existsSync(root + built)) {
    console.error(`${built} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
const executablePath = findChromium();
if (!executablePath) {
  console.error('No Chromium found: run `node scripts/browsers.mjs chromium` or set CHROME_PATH.');
  process.exit(1);
}
mkdirSync(docs, { recursive: true });

const emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, extraHandler: serveStatic });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const agent = await context.newPage();
  await agent.goto(`${emulator.url}/agent/`);
  await agent.getByText('Signed in as').waitFor();

  const site = await context.newPage();
  await site.goto(`${emulator.url}/`);
  const launcher = site.getByRole('button', { name: 'Chat with us' });
  await launcher.waitFor();
  await shot(site, 'demo-site.png');

  // The visitor starts a chat and writes first.
  await launcher.click();
  await site.getByLabel('Name', { exact: true }).fill('Dana Whitfield');
  await site.getByLabel(/^Email/).fill('dana@example.com');
  await shot(site, 'widget-form.png');
  await site.getByRole('button', { name: 'Start chat' }).click();
  const composer = site.getByRole('textbox', { name: 'Message' });
  await composer.fill('Hello! My last bill looks estimated, but I sent a meter reading on the 20th.');
  await composer.press('Enter');

  // The agent answers, replies and starts typing a second reply.
  await agent.getByRole('button', { name: 'Accept' }).click();
  await agent.locator('.transcript').getByText('My last bill looks estimated').waitFor();
  const reply = agent.getByRole('textbox', { name: 'Reply' });
  await reply.fill('Hi Dana, I am Sam. Let me look that up for you: one moment.');
  await reply.press('Enter');
  await site.locator('[part~="transcript"]').getByText('Let me look that up for you').waitFor();
  await reply.pressSequentially('I can see the reading', { delay: 20 });
  await site
    .getByText(/Sam.? is typing/)
    .first()
    .waitFor();
  await shot(site, 'widget-chat.png');

  await composer.fill('Thank you!');
  await composer.press('Enter');
  await agent.locator('.transcript').getByText('Thank you!').waitFor();
  await shot(agent, 'agent-console.png');

  // The same chat in the visitor's dark scheme, with the accent the README's example sets and nothing else, and in
  // Arabic, right to left, with English text from the agent isolated in it.
  await site.emulateMedia({ colorScheme: 'dark' });
  await site.locator('#accent').fill('#0b6e4f');
  await shot(site, 'widget-dark.png');
  await reply.fill('Your reading of the 20th is in: reference HL-12345.');
  await reply.press('Enter');
  await site.locator('[part~="transcript"]').getByText('HL-12345').waitFor();
  await site.emulateMedia({ colorScheme: 'light' });
  await site.locator('#lang').selectOption('ar');
  await site.locator('guest-chat [lang="ar"]').waitFor();
  await shot(site, 'widget-arabic.png');
  await site.locator('#lang').selectOption('en');

  // Web Messaging with the echo bot: a carousel of cards, then quick replies under the bot's question.
  await fetch(`${emulator.url}/emulator/agents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ displayName: 'Echo bot', autoAnswer: true, autoAnswerDelayMs: 0, bot: 'echo' }),
  });
  const rich = await context.newPage();
  await rich.setViewportSize({ width: 1280, height: 1000 });
  await rich.goto(`${emulator.url}/?transport=web-messaging`);
  await rich.evaluate(() =>
    document.querySelector('guest-chat').style.setProperty('--guest-chat-panel-height', '820px'),
  );
  await rich.getByRole('button', { name: 'Chat with us' }).click();
  await rich.getByLabel('Name', { exact: true }).fill('Dana Whitfield');
  await rich.getByRole('button', { name: 'Start chat' }).click();
  const richComposer = rich.getByRole('textbox', { name: 'Message' });
  for (const [word, shown] of [
    ['Hello', '.bubble >> text=echo bot'],
    ['cards', '[part~="card"] img'],
    ['menu', '[part~="quick-reply"]'],
  ]) {
    await richComposer.fill(word);
    await richComposer.press('Enter');
    await rich.locator(`guest-chat ${shown}`).first().waitFor();
  }
  await rich.waitForFunction(() =>
    [...document.querySelector('guest-chat').shadowRoot.querySelectorAll('[part~="card"] img')].every(
      (img) => img.complete,
    ),
  );
  await shot(rich, 'widget-rich.png', rich.locator('guest-chat [part~="panel"]'));

  // The theming panel: another accent, round corners, a dark panel, in French.
  await site.locator('#accent').fill('#7b2cbf');
  await site.locator('#radius').fill('24');
  await site.locator('#dark').check();
  await site.locator('#lang').selectOption('fr');
  await shot(site, 'widget-themed.png');
} finally {
  await browser.close();
  await emulator.close();
}

/** Saves the page (or only `part` of it) as it looks now, once fonts and animations have settled. */
async function shot(page, name, part) {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await (part ?? page).screenshot({ path: docs + name });
  console.log(`docs/${name}`);
}
