// The demo page's own script: points the widget at the emulator that served this page, picks its protocol, and
// drives the theming panel. It runs before the widget's bundle, so the element starts with the right attributes.
(() => {
  /**
   * The emulator's origin from `?emulator=`, taken only as an http(s) URL: anything else (`javascript:`, `data:`, a
   * bare word) would end up in the console link's href and the widget's `environment`, so it is refused with a
   * warning and this page's own origin is used.
   * @param {string | null} given
   */
  function emulatorOrigin(given) {
    if (given === null) return location.origin;
    try {
      const url = new URL(given);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
    } catch {
      // Not a URL at all: refused below.
    }
    console.warn(`?emulator= takes an http(s) URL such as http://127.0.0.1:8787; "${given}" is ignored.`);
    return location.origin;
  }

  const chat = /** @type {HTMLElement | null} */ (document.querySelector('guest-chat'));
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById('theme-form'));
  if (!chat || !form) return;

  // The emulator serves this page, so it lives at this page's origin, whatever PORT it was started with; opened
  // from elsewhere, the page takes the emulator's address from `?emulator=`.
  const params = new URLSearchParams(location.search);
  const emulator = emulatorOrigin(params.get('emulator'));
  chat.setAttribute('environment', emulator);
  document.getElementById('agent-link')?.setAttribute('href', `${emulator}/agent/`);

  // Guest Chat unless `?transport=web-messaging`. Switching reloads the page with the other one, so that a chat in
  // progress never changes protocol under the visitor.
  const transport = params.get('transport') === 'web-messaging' ? 'web-messaging' : 'guest-chat';
  chat.setAttribute('transport', transport);
  if (transport === 'web-messaging') {
    // A Web Messaging widget names only a deployment: take the one the emulator serves.
    fetch(`${emulator}/emulator/config`)
      .then((res) => res.json())
      .then((config) => chat.setAttribute('deployment-id', config.deploymentId));
  }
  /** A control of the theming form by name. @param {string} name */
  const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
  const picker = field('transport');
  picker.value = transport;
  picker.addEventListener('change', () => {
    params.set('transport', picker.value);
    location.search = params.toString();
  });

  /** @type {Record<string, string>} */
  const fonts = {
    system: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    serif: "Georgia, 'Times New Roman', serif",
    mono: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
  };
  const dark = {
    '--guest-chat-surface': '#1e2429',
    '--guest-chat-surface-alt': '#2a3238',
    '--guest-chat-text': '#eef2f4',
    '--guest-chat-text-muted': '#a9b5bc',
  };

  /** Writes the panel's choices onto the element: CSS custom properties for looks, attributes for behaviour. */
  const apply = () => {
    const value = field;
    chat.style.setProperty('--guest-chat-accent', value('accent').value);
    chat.style.setProperty('--guest-chat-radius', `${value('radius').value}px`);
    chat.style.setProperty('--guest-chat-font', fonts[value('font').value]);
    for (const [property, color] of Object.entries(dark)) {
      if (value('dark').checked) chat.style.setProperty(property, color);
      else chat.style.removeProperty(property);
    }
    chat.setAttribute('position', value('left').checked ? 'bottom-left' : 'bottom-right');
    chat.setAttribute('lang', value('lang').value);
  };

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  apply();
})();
