import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { linkify } from '../../src/ui/internal/linkify.js';

/** The links of a text as the transcript renders them: [shown text, href]. */
function links(text: string): [string, string][] {
  const container = document.createElement('p');
  render(linkify(text), container);
  return [...container.querySelectorAll('a')].map((link) => [link.textContent ?? '', link.getAttribute('href') ?? '']);
}

describe('links in messages', () => {
  it('shows a host that mixes scripts in punycode, as the address bar would', () => {
    const [[shown, href]] = links('Pay here: https://раураl.com/login');
    expect(shown).to.match(/^https:\/\/xn--[a-z0-9-]+\.com\/login$/);
    expect(shown).to.not.contain('раура');
    expect(href).to.equal(shown);
  });

  it('shows a whole-label lookalike under a Latin top-level domain in punycode', () => {
    const [[shown]] = links('https://раура.com');
    expect(shown).to.match(/^https:\/\/xn--/);
  });

  it('shows a host of one script as written', () => {
    expect(links('https://müller.de/kontakt')[0][0]).to.equal('https://müller.de/kontakt');
    expect(links('https://пример.рф/')[0][0]).to.equal('https://пример.рф/');
    expect(links('https://example.com/a?b=1')[0][0]).to.equal('https://example.com/a?b=1');
  });

  it('never shows a user name posing as the host', () => {
    const [[shown]] = links('https://paypal.com@evil.example/x');
    expect(shown).to.equal('https://evil.example/x');
  });

  it('makes www. addresses links over https, leaving the full stop out', () => {
    expect(links('See www.example.org.')).to.deep.equal([['www.example.org', 'https://www.example.org/']]);
  });

  it('isolates link text for bidirectional text', () => {
    const container = document.createElement('p');
    render(linkify('see https://example.com/\u202Eevil'), container);
    expect(container.querySelector('a')!.getAttribute('dir')).to.equal('auto');
  });
});
