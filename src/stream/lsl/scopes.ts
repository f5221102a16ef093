// Where discovery traffic goes, per liblsl's ResolveScope setting (IPv4 only): the addresses a resolver
// queries and the multicast groups an outlet joins. `machine` stays on the loopback interface, which is
// what the tests use.
import type { DiscoveryScope } from './types.js';

/** The unicast service ports liblsl outlets bind (16572 upwards, 32 of them). */
export const SERVICE_PORT_RANGE: [number, number] = [16572, 16603];
export const DISCOVERY_PORT = 16571;

const ORDER: DiscoveryScope[] = ['machine', 'link', 'site', 'organization', 'global'];

// liblsl's default IPv4 groups per scope ([multicast] LinkAddresses, SiteAddresses, ... in lsl_api.cfg;
// its MachineAddresses and the rest of each set are IPv6, GlobalAddresses is empty).
const GROUPS: Record<DiscoveryScope, string[]> = {
  machine: [],
  link: ['224.0.0.183'],
  site: ['239.255.172.215'],
  organization: ['239.192.172.215'],
  global: [],
};

export function scopesUpTo(scope: DiscoveryScope): DiscoveryScope[] {
  return ORDER.slice(0, ORDER.indexOf(scope) + 1);
}

export function multicastGroups(scope: DiscoveryScope): string[] {
  return scopesUpTo(scope).flatMap((s) => GROUPS[s]);
}

/**
 * Destinations of a query: loopback unicast and the loopback broadcast 127.255.255.255 (which reaches
 * every outlet bound to the shared port, where a unicast datagram reaches only one of them), the
 * service ports on 127.0.0.1, then the local broadcast and the multicast groups of wider scopes.
 */
export function queryTargets(scope: DiscoveryScope, discoveryPort: number): Array<{ address: string; port: number }> {
  const targets = [
    { address: '127.0.0.1', port: discoveryPort },
    { address: '127.255.255.255', port: discoveryPort },
  ];
  for (let port = SERVICE_PORT_RANGE[0]; port <= SERVICE_PORT_RANGE[1]; port++) targets.push({ address: '127.0.0.1', port });
  if (scope !== 'machine') targets.push({ address: '255.255.255.255', port: discoveryPort });
  for (const group of multicastGroups(scope)) targets.push({ address: group, port: discoveryPort });
  return targets;
}
