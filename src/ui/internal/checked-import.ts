/**
 * Fetches a module through `<link rel="modulepreload" integrity>` and resolves once the browser has checked it;
 * rejects, leaving the module unrun, when it could not be fetched or does not match. The module then sits checked in
 * the document's module map, where the `import()` that follows takes it without fetching it again. This works under
 * a strict Content-Security-Policy with Trusted Types: a preload link is no script and needs no policy, where an
 * import map would be an inline script and a `blob:` import another script source.
 */
export function checkModule(url: string, integrity: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.integrity = integrity;
    link.href = url;
    link.onload = () => resolve();
    link.onerror = () => {
      link.remove();
      const error = new Error(`<guest-chat> refused ${url}: unreachable or integrity mismatch`);
      console.warn(error.message);
      reject(error);
    };
    document.head.append(link);
  });
}
