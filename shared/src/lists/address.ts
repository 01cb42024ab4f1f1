import ipaddr from 'ipaddr.js';

/** Host names that never name a public server. */
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/i;

/**
 * Why a filter list's address may not be fetched, or null when it may: it must be https, and its
 * host must not be a loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast
 * or reserved address, nor a name that stands for one ("localhost", "*.local", "*.internal").
 * A name is not resolved here (a browser cannot): the browser's own rules on public pages
 * reaching private ones apply to what it resolves. `trusted` origins (the person's own Veneer
 * server, which may run on their machine) are let through as they are.
 */
export function listAddressProblem(address: string, trusted: readonly string[] = []): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `"${address.slice(0, 200)}" is not an address`;
  }
  if (trusted.includes(url.origin)) return null;
  if (url.protocol !== 'https:')
    return `a list is fetched over https only, not ${url.protocol.replace(':', '')}`;
  if (url.username || url.password) return 'a list address may not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (LOCAL_NAMES.test(host)) return `${host} is a local name, not a public server`;
  if (ipaddr.isValid(host)) {
    const parsed = ipaddr.process(host);
    const range = parsed.range();
    if (range !== 'unicast') return `${host} is a ${RANGE_NAMES[range] ?? range} address, not a public one`;
  }
  return null;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local (cloud metadata)',
  uniqueLocal: 'private (unique local)',
  carrierGradeNat: 'carrier-grade NAT',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
};
