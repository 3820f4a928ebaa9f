/** Loads the built CDN script with a plain script tag, as a host page would. */
export function loadCdnScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/dist/guest-chat.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('CDN bundle failed to load'));
    document.head.append(script);
  });
}
