// Node test: what `npm publish` would ship, so npm CDNs can serve the bundle and editors find the types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
const files = packed[0].files.map((file) => file.path);

test('the package ships the CDN bundle, the ESM build, its types, the manifest and the README', () => {
  for (const path of [
    'dist/guest-chat.min.js',
    'dist/guest-chat-core.js',
    'dist/transport/web-messaging.js',
    'dist/guest-chat.js',
    'dist/types/index.d.ts',
    'custom-elements.json',
    'README.md',
    'package.json',
  ]) {
    assert.ok(files.includes(path), `${path} is missing from the package`);
  }
});

test('the package ships no tests, sources of the emulator, demo or benchmarks', () => {
  const unwanted = files.filter((path) => /^(test|emulator|demo|bench|scripts|src)\/|\.test\./.test(path));
  assert.deepEqual(unwanted, []);
});

test('every entry point named in package.json is in the package', () => {
  const named = [pkg.main, pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr, pkg.customElements];
  for (const target of Object.values(pkg.exports)) {
    if (typeof target === 'string') named.push(target);
    else named.push(...Object.values(target));
  }
  for (const path of named) assert.ok(files.includes(path.replace(/^\.\//, '')), `${path} is named but not shipped`);
});

test('the fields resolvers follow for an import point at the ES module, never at the CDN script', () => {
  // Bundlers read `browser` (and `module`, `main`) when resolving `import 'guest-chat'`; the CDN script is an IIFE
  // with no exports, so an import resolved to it would get nothing.
  for (const field of ['browser', 'module', 'main']) {
    const target = pkg[field];
    if (target === undefined) continue;
    assert.equal(typeof target, 'string', field);
    assert.notEqual(target, pkg.exports['./cdn'], `${field} points at the CDN script`);
  }
  assert.equal(pkg.exports['.'].import, pkg.module);
});

test('the package ships every file the CDN script may fetch, as the integrity manifest lists them', () => {
  const manifest = readFileSync('dist/i18n/integrity.js', 'utf8').replace(/^export default |;\s*$/g, '');
  for (const file of Object.keys(JSON.parse(manifest))) {
    assert.ok(files.includes(`dist/${file}`), `dist/${file} is missing from the package`);
  }
});
