import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** How a refusal names each ipaddr.js range that is not public ('unicast'). */
const RANGE_WORDS: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud metadata endpoints answer)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a unique local (private) address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address',
};

const rangeWords = (range: string): string => RANGE_WORDS[range] ?? `an address of the special range "${range}"`;

/** IPv6 ranges that carry an IPv4 address in their last 32 bits: mapped (::ffff:0:0/96), translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96). */
const IPV4_CARRYING_RANGES = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);

/** The IPv4 address an IPv6 address stands for, when it carries one (the deprecated IPv4-compatible ::a.b.c.d included). */
function carriedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  const range = address.range();
  // 64:ff9b:1::/48 is NAT64 for local use (RFC 8215): its IPv4 part is not at a fixed place, and it is never public.
  if (range === 'rfc6052' && address.parts[2] !== 0) return undefined;
  const compatible = range === 'unicast' && bytes.slice(0, 12).every((byte) => byte === 0);
  if (!IPV4_CARRYING_RANGES.has(range) && !compatible) return undefined;
  return ipaddr.fromByteArray(bytes.slice(12)) as ipaddr.IPv4;
}

/**
 * Why an IP address must never be screenshotted, or undefined for a public one. Only ipaddr.js's
 * 'unicast' range is public; an IPv6 address carrying an IPv4 address is judged by that IPv4 address.
 */
export function addressRefusal(address: string): string | undefined {
  const literal = address.replace(/^\[|\]$/g, '');
  if (!isIP(literal)) return `${literal} is not an IP address`;
  const parsed = ipaddr.parse(literal);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    const range = v6.range();
    if (range === 'rfc6052' && v6.parts[2] !== 0) return `${literal} is a local-use NAT64 address`;
    const v4 = carriedIPv4(v6);
    if (v4) {
      const v4Range = v4.range();
      return v4Range === 'unicast' ? undefined : `${literal} is ${v4.toString()} written as IPv6, ${rangeWords(v4Range)}`;
    }
    return range === 'unicast' ? undefined : `${literal} is ${rangeWords(range)}`;
  }
  const range = (parsed as ipaddr.IPv4).range();
  return range === 'unicast' ? undefined : `${literal} is ${rangeWords(range)}`;
}

/** A URL's host as compared here: lower case, without IPv6 brackets or trailing dots. */
export function normalHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.+$/, '');
}

/** RFC 6761: `localhost` and every name under it mean this machine, whatever DNS says. */
export const isLoopbackName = (host: string): boolean => {
  const name = normalHost(host);
  return name === 'localhost' || name.endsWith('.localhost');
};

/**
 * Why a host must never be screenshotted, known without DNS: an IP literal that is not public, or a
 * localhost name. Undefined for any other name (resolve it and check each address with addressRefusal).
 */
export function hostRefusal(hostname: string): string | undefined {
  const host = normalHost(hostname);
  if (isIP(host)) return addressRefusal(host);
  if (isLoopbackName(host)) return `${host} is a loopback name (localhost and every name under it mean the machine itself)`;
  return undefined;
}
