// `npm run build` (and so `npm start`) reports each size against the budget the README gives. Needs `npm run build`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

test('the size report measures against the budgets of the README', () => {
  const report = execFileSync(process.execPath, ['scripts/report-size.mjs'], { encoding: 'utf8' });
  assert.match(report, /guest-chat\.min\.js: .* gzip \((within|over) the 2\.5 kB budget\)/);
  assert.match(report, /a guest-chat chat in progress: .* \((within|over) the 30\.0 kB budget\)/);
  assert.match(report, /a web-messaging chat in progress: .* \((within|over) the 32\.0 kB budget\)/);
  assert.doesNotMatch(report, /25\.0 kB/);
});
