// Guest JWTs (Guest Chat's and Web Messaging's): the claims Genesys puts in them, signed with a per-emulator secret (the header says RS256 and
// carries a `kid` as Genesys's does; clients treat the token as opaque, so only this emulator checks the signature).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const base64url = (/** @type {string | Buffer} */ data) => Buffer.from(data).toString('base64url');

/**
 * Guest Chat puts `{conv, did, sub}` in `data` (issuer `urn:purecloud:webchat`); Web Messaging `{sid, did}`.
 * @typedef {{data: Record<string, string>, org: string, iss: string, iat: number, exp: number}} GuestClaims
 */

/** Mints and checks the guest tokens of one emulator. */
export class JwtIssuer {
  constructor() {
    this.secret = randomBytes(32);
  }

  /** @param {string} signingInput */
  sign(signingInput) {
    return createHmac('sha256', this.secret).update(signingInput).digest();
  }

  /**
   * @param {{conversationId: string, deploymentId: string, memberId: string, organizationId: string, lifetimeMs: number}} subject
   */
  mint({ conversationId, deploymentId, memberId, organizationId, lifetimeMs }) {
    return this.issue(
      { conv: conversationId, did: deploymentId, sub: memberId },
      { issuer: 'urn:purecloud:webchat', organizationId, lifetimeMs },
    ).jwt;
  }

  /**
   * A signed token with `data` as its claims' data; `exp` in epoch seconds.
   * @param {Record<string, string>} data
   * @param {{issuer: string, organizationId: string, lifetimeMs: number}} options
   */
  issue(data, { issuer, organizationId, lifetimeMs }) {
    const iat = Math.floor(Date.now() / 1000);
    /** @type {GuestClaims} */
    const claims = { data, org: organizationId, iss: issuer, iat, exp: iat + Math.round(lifetimeMs / 1000) };
    const input = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'emulator' }))}.${base64url(JSON.stringify(claims))}`;
    return { jwt: `${input}.${base64url(this.sign(input))}`, exp: claims.exp };
  }

  /**
   * Checks a token: `{claims}` when good, else `{error: 'bad' | 'expired'}`.
   * @param {string} token
   * @returns {{claims: GuestClaims} | {error: 'bad' | 'expired'}}
   */
  verify(token) {
    const parts = token.split('.');
    if (parts.length !== 3) return { error: 'bad' };
    const expected = this.sign(`${parts[0]}.${parts[1]}`);
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { error: 'bad' };
    /** @type {GuestClaims} */
    let claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { error: 'bad' };
    }
    if (claims.exp * 1000 <= Date.now()) return { error: 'expired' };
    return { claims };
  }
}
