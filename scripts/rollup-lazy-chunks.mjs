// A rollup plugin for the CDN bundle, which is one IIFE and so cannot split code: dynamic imports of the given
// modules are left out of it and load, when first needed, the files another build writes beside the script.
import { resolve } from 'node:path';

/** Declares the variable the lazy imports resolve against: the script's own address, read while it runs. */
export const scriptUrlIntro =
  'const __guestChatScriptUrl = document.currentScript && document.currentScript.src || location.href;';

/**
 * @param {Record<string, string>} chunks source module (relative to the project) -> file beside the script
 */
export default function lazyChunks(chunks) {
  const byId = new Map(Object.entries(chunks).map(([source, file]) => [resolve(source), file]));
  return {
    name: 'lazy-chunks',
    async resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string') return null;
      const resolved = await this.resolve(specifier, importer, { skipSelf: true });
      const file = resolved && byId.get(resolved.id);
      return file ? { id: `./${file}`, external: true } : null;
    },
    renderDynamicImport({ targetModuleId }) {
      if (!targetModuleId || ![...byId.values()].some((file) => targetModuleId === `./${file}`)) return null;
      return { left: 'import(new URL(', right: ', __guestChatScriptUrl).href)' };
    },
  };
}
