/** What the page tells a connection about itself. */
export type PageLifecycleEvent = 'visible' | 'hidden' | 'online' | 'offline' | 'pagehide' | 'pageshow';

/** The page's visibility, network and back/forward-cache signals. */
export interface PageLifecycle {
  isHidden(): boolean;
  isOnline(): boolean;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: PageLifecycleEvent) => void): () => void;
}

/** The page's lifecycle from `document` and `window` events; inert outside a browser page. */
export function browserLifecycle(): PageLifecycle {
  const hasDocument = typeof document !== 'undefined';
  return {
    isHidden: () => hasDocument && document.visibilityState === 'hidden',
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
    subscribe(listener) {
      if (typeof window === 'undefined' || !hasDocument) return () => {};
      const onVisibility = () => listener(document.visibilityState === 'hidden' ? 'hidden' : 'visible');
      const onOnline = () => listener('online');
      const onOffline = () => listener('offline');
      const onPageHide = () => listener('pagehide');
      const onPageShow = () => listener('pageshow');
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      window.addEventListener('pagehide', onPageHide);
      window.addEventListener('pageshow', onPageShow);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        window.removeEventListener('pagehide', onPageHide);
        window.removeEventListener('pageshow', onPageShow);
      };
    },
  };
}
