/**
 * Puppeteer drives the system's Firefox (and Chromium) in the tests: never download a browser of its own, so
 * `npm ci` on a clean clone needs nothing but the npm registry.
 */
module.exports = { skipDownload: true, chrome: { skipDownload: true }, firefox: { skipDownload: true } };
