/**
 * Which addresses Sitrep may connect to. A link is user input: without this, `/add url:` could make
 * the bot read a router's admin page, a cloud metadata endpoint or a service on its own loopback
 * (server-side request forgery). Only public unicast addresses are allowed unless configured.
 */
import ipaddr from 'ipaddr.js';

/** What FETCH_ALLOW_PRIVATE says: every address, or these addresses and CIDR ranges besides the public ones. */
export interface AddressAllowance {
  any: boolean;
  ranges: string[];
}

export const PUBLIC_ONLY: AddressAllowance = { any: false, ranges: [] };

/** Readable names of ipaddr.js ranges. Anything not `unicast` is refused. */
const RANGE_NAMES: Record<string, string> = {
  private: 'private',
  loopback: 'loopback',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
};

/** Returns why `ip` is refused (e.g. "loopback"), or null when it may be used. */
export type AddressPolicy = (ip: string) => string | null;

export function createAddressPolicy(allow: AddressAllowance = PUBLIC_ONLY): AddressPolicy {
  const allowed = allow.ranges.map((r) => (r.includes('/') ? ipaddr.parseCIDR(r) : ([ipaddr.parse(r), ipaddr.parse(r).kind() === 'ipv4' ? 32 : 128] as const)));
  return (ip) => {
    if (allow.any) return null;
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      // process() turns an IPv4-mapped IPv6 address (::ffff:10.0.0.1) into the IPv4 address it reaches.
      addr = ipaddr.process(ip);
    } catch {
      return 'not an IP address';
    }
    if (allowed.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))) return null;
    const range = addr.range();
    if (range === 'unicast') return null;
    return RANGE_NAMES[range] ?? `special-purpose (${range})`;
  };
}
