import ipaddr from 'ipaddr.js';

/**
 * The key a client's login attempts are counted under: its IPv4 address (IPv4-mapped IPv6 included), or the /64 of
 * an IPv6 address — one subscriber holds a whole /64 and can pick a new address in it for every request.
 */
export function clientAddressKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = new ipaddr.IPv6([...(parsed as ipaddr.IPv6).parts.slice(0, 4), 0, 0, 0, 0]);
  return `${network.toRFC5952String()}/64`;
}
