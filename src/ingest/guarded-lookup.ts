/**
 * A DNS lookup for the connection itself: the addresses a host name resolves to are checked at the
 * moment the socket connects to them, so a name that resolved to a public address a moment ago and
 * to 127.0.0.1 now (DNS rebinding) is still refused.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';
import { FetchError } from './errors.js';

export function blockedMessage(host: string, address: string, why: string): string {
  const resolves = host === address ? '' : ` resolves to ${address}, which`;
  return `blocked address: ${host}${resolves} is ${why === 'not an IP address' ? 'not a usable address' : `a ${why} address`}; Sitrep only fetches public addresses (FETCH_ALLOW_PRIVATE allows others)`;
}

export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      // One private address among public ones is refused too: such a name is not to be trusted.
      for (const a of addresses) {
        const why = policy(a.address);
        if (why) return callback(new FetchError('BLOCKED_ADDRESS', blockedMessage(hostname, a.address, why)) as NodeJS.ErrnoException, '', 0);
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
