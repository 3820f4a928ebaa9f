// The README tells an integrator what works today: self-hosting the built files first (the package is not on the
// public registry yet), and what the integrity value covers. Needs `npm run build`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const readme = readFileSync('README.md', 'utf8');
const section = (title) => readme.slice(readme.indexOf(`\n## ${title}`)).split('\n## ')[1];

test('the README leads with self-hosting the built files, and shows the CDN URL as what works once published', () => {
  const use = section('Use it on your site');
  const firstParagraph = use.split('\n\n')[1];
  assert.match(firstParagraph, /^Host the files yourself/);
  for (const file of firstParagraph.match(/`dist\/[^`]+`/g).map((quoted) => quoted.slice(1, -1))) {
    assert.ok(existsSync(file), `${file} is built`);
  }
  const cdn = use.indexOf('cdn.jsdelivr.net');
  assert.ok(cdn > use.indexOf('/assets/guest-chat/guest-chat.min.js'), 'the self-hosted script comes first');
  assert.match(use.slice(0, cdn), /not on the public npm registry yet\. Once it is published/);
});

test('the README says the integrity value covers every file the script fetches, and what it does not cover', () => {
  const pinning = readme.slice(readme.indexOf('### Pinning the CDN file (SRI)'));
  assert.match(
    pinning,
    /those of the transports and of\s+`i18n\/integrity.js`, and that file carries those of every other file the element may fetch/,
  );
  for (const file of ['transport/web-messaging-content.js', 'rich/*.js', 'chunks/attach*.js', 'chunks/uploads.js']) {
    assert.ok(pinning.includes(`\`${file}\``), `${file} is named as covered`);
  }
  assert.doesNotMatch(readme, /Not covered yet/);
  assert.match(pinning, /Not covered:/);
  assert.doesNotMatch(readme, /`import\(\)` has no integrity/);
});
