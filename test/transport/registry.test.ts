import { expect } from '@open-wc/testing';
import { findTransport, TRANSPORTS, transportFor } from '../../src/transport/registry.js';

describe('transport registry', () => {
  it('names each protocol once, Guest Chat first as the default', () => {
    const kinds = TRANSPORTS.map((descriptor) => descriptor.kind);
    expect(kinds).to.deep.equal(['guest-chat', 'web-messaging']);
    expect(transportFor(null).kind).to.equal('guest-chat');
  });

  it('finds no protocol for an unknown kind, and falls back to the default for it', () => {
    expect(findTransport('xmpp')).to.equal(undefined);
    expect(findTransport('')).to.equal(undefined);
    expect(findTransport('Web-Messaging'), 'kinds are exact').to.equal(undefined);
    expect(transportFor('xmpp').kind).to.equal('guest-chat');
  });

  it('asks Guest Chat for its queue and organization, and Web Messaging only for where and which deployment', () => {
    const attributes = (kind: string) => transportFor(kind).required.map(([, attribute]) => attribute);
    expect(attributes('guest-chat')).to.deep.equal(['environment', 'organization-id', 'deployment-id', 'queue']);
    expect(attributes('web-messaging')).to.deep.equal(['environment', 'deployment-id']);
  });

  it('keeps a Guest Chat with the tab and a Web Messaging conversation with the visitor', () => {
    expect(transportFor('guest-chat').keptIn).to.equal('sessionStorage');
    expect(transportFor('web-messaging').keptIn).to.equal('localStorage');
  });

  it('loads each protocol code on demand, making a transport of its own kind', async () => {
    for (const descriptor of TRANSPORTS) {
      const create = await descriptor.load();
      const transport = create({
        environment: 'http://127.0.0.1:9',
        organizationId: 'org',
        deploymentId: 'dep',
        queue: 'Support',
      });
      expect(transport.kind).to.equal(descriptor.kind);
      transport.dispose();
    }
  });
});
