// Rollup plugins that close the CDN build's supply chain: the script carries the Subresource Integrity value of the
// element's file, which carries those of the transports and of a manifest of every other file it may fetch (SHA-256
// each). A changed file on a server or CDN is then refused by the browser before it runs.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import MagicString from 'magic-string';

/** `sha{bits}-{base64}` of some text. */
export const sriOf = (text, algorithm = 'sha384') =>
  `${algorithm}-${createHash(algorithm).update(text).digest('base64')}`;

const SHA256_LENGTH = 'sha256-'.length + 44;

/**
 * Rewrites one `export const NAME ... = VALUE;` declaration of a module, keeping its source map.
 * @param {string} code @param {string} id @param {string} name @param {string} value
 */
function setConstant(code, id, name, value) {
  const match = new RegExp(`export const ${name}\\b[^=]*=\\s*([^;]+);`).exec(code);
  if (!match) throw new Error(`${id}: no export const ${name}`);
  const start = match.index + match[0].length - 1 - match[1].length;
  const magic = new MagicString(code);
  magic.overwrite(start, start + match[1].length, value);
  return { code: magic.toString(), map: magic.generateMap({ hires: true }) };
}

/**
 * For the build of the element's file: fills `INTEGRITY` in `src/ui/internal/integrity.ts` with the SHA-256 values
 * (shorter than SHA-384, and as strong for this) of the transports built beside it and of `i18n/integrity.js`, the
 * manifest this writes of every other file the element may fetch: the language files already in `dist/i18n`, and each
 * file of this build but the element's (rich messages, attachments, what those share), with the files it imports, so
 * the element checks those before it imports the file. The transports' values are known only once they are final, so
 * the module first gets placeholders of the exact length, overwritten in place at the end: the source map stays right.
 * @param {{transports: string[], i18nDir: string}} options files under the output folder, and the built languages
 */
export function integrityTable({ transports, i18nDir }) {
  const manifest = 'i18n/integrity.js';
  const files = [...transports, manifest];
  const placeholders = new Map(
    files.map((file, index) => [file, `sha256-${`~${index}`.padEnd(SHA256_LENGTH - 7, '~')}`]),
  );
  return {
    name: 'integrity-table',
    transform(code, id) {
      if (!/[\\/]src[\\/]ui[\\/]internal[\\/]integrity\.ts$/.test(id)) return null;
      return setConstant(code, id, 'INTEGRITY', JSON.stringify(Object.fromEntries(placeholders)));
    },
    generateBundle(_options, bundle) {
      const table = Object.values(bundle).find(
        (chunk) => chunk.type === 'chunk' && [...placeholders.values()].every((value) => chunk.code.includes(value)),
      );
      if (!table) throw new Error('integrity-table: no chunk holds the integrity table');
      /** Every file `file` imports, directly or not, but the element's, which has run before any of them. */
      const importsOf = (file, found = new Set()) => {
        for (const imported of bundle[file].imports) {
          if (imported !== table.fileName && !found.has(imported)) importsOf(imported, found.add(imported));
        }
        return found;
      };
      const listed = Object.fromEntries(
        readdirSync(i18nDir)
          .filter((file) => file.endsWith('.js') && `i18n/${file}` !== manifest)
          .map((file) => [`i18n/${file}`, [sriOf(readFileSync(`${i18nDir}/${file}`), 'sha256')]]),
      );
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk === table) continue;
        const imports = [...importsOf(chunk.fileName)];
        // The table has room for a value per transport, none for what a transport imports.
        if (transports.includes(chunk.fileName)) {
          if (imports.length) throw new Error(`integrity-table: ${chunk.fileName} imports ${imports}, left unchecked`);
        } else {
          listed[chunk.fileName] = [sriOf(chunk.code, 'sha256'), ...imports];
        }
      }
      const source = `export default ${JSON.stringify(listed)};\n`;
      this.emitFile({ type: 'asset', fileName: manifest, source });
      for (const [file, placeholder] of placeholders) {
        const text = file === manifest ? source : bundle[file]?.code;
        if (text === undefined) throw new Error(`integrity-table: ${file} was not built`);
        table.code = table.code.replace(placeholder, sriOf(text, 'sha256'));
      }
    },
  };
}

/**
 * For the script: fills `CORE_INTEGRITY` in `src/ui/internal/core-integrity.ts` with the SHA-256 value of the
 * element's file, built before it (SHA-256 rather than SHA-384: the script's bytes are budgeted).
 * @param {string} coreFile
 */
export function coreIntegrity(coreFile) {
  return {
    name: 'core-integrity',
    transform(code, id) {
      if (!/[\\/]src[\\/]ui[\\/]internal[\\/]core-integrity\.ts$/.test(id)) return null;
      return setConstant(code, id, 'CORE_INTEGRITY', JSON.stringify(sriOf(readFileSync(coreFile), 'sha256')));
    },
  };
}
