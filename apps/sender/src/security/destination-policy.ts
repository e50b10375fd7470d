import { BlockList, isIP } from 'node:net';
import { type AddressClass, type AddressClassification, classifyAddress } from './address-classes.js';
import { stripZone } from './embedded-ipv4.js';
import type { SecurityMode } from './security-mode.js';

export interface DestinationPolicyInput {
  mode: SecurityMode;
  /** CIDRs (or single addresses) allowed whatever their class, e.g. `10.20.0.0/16`, `127.0.0.1/32`. */
  allowCidrs?: readonly string[];
  /** Host names trusted whatever they resolve to: exact (`hooks.internal`) or `*.suffix` (`*.corp.example`). */
  allowHosts?: readonly string[];
  /** Refuse plain http: unless the destination is allowlisted. Default: true in production. */
  requireHttps?: boolean;
}

/**
 * Local receivers (a dev server, a container on the compose network, a Tailscale peer) live in
 * these; metadata (link-local), multicast and reserved space stay closed even in development.
 */
const DEVELOPMENT_CLASSES: ReadonlySet<AddressClass> = new Set([
  'loopback',
  'private',
  'unique-local',
  'cgnat',
]);

export type AddressVerdict =
  | { allowed: true; classification: AddressClassification; allowlisted: boolean }
  | { allowed: false; classification: AddressClassification };

/** Which destinations the sender may connect to, compiled once from config. */
export class DestinationPolicy {
  readonly mode: SecurityMode;
  readonly requireHttps: boolean;
  readonly #cidrs = new BlockList();
  readonly #exactHosts = new Set<string>();
  readonly #hostSuffixes: string[] = [];

  constructor(input: DestinationPolicyInput) {
    this.mode = input.mode;
    this.requireHttps = input.requireHttps ?? input.mode === 'production';
    for (const [i, entry] of (input.allowCidrs ?? []).entries()) addCidr(this.#cidrs, entry, i);
    for (const [i, entry] of (input.allowHosts ?? []).entries()) {
      const name = normaliseHostname(entry);
      if (name.startsWith('*.') && isHostname(name.slice(2))) this.#hostSuffixes.push(name.slice(1));
      else if (isHostname(name)) this.#exactHosts.add(name);
      else throw new TypeError(`allowHosts[${i}]: expected a host name or *.suffix, got an invalid value`);
    }
  }

  isHostAllowlisted(hostname: string): boolean {
    const name = normaliseHostname(hostname);
    return this.#exactHosts.has(name) || this.#hostSuffixes.some((suffix) => name.endsWith(suffix));
  }

  isAddressAllowlisted(address: string): boolean {
    const ip = stripZone(address);
    const family = isIP(ip);
    return family !== 0 && this.#cidrs.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** Decides one (resolved) address; `hostname` is the name it came from, if any. */
  judgeAddress(address: string, hostname?: string): AddressVerdict {
    const classification = classifyAddress(address);
    if (this.isAddressAllowlisted(address) || (hostname !== undefined && this.isHostAllowlisted(hostname))) {
      return { allowed: true, classification, allowlisted: true };
    }
    if (classification.class === 'global') return { allowed: true, classification, allowlisted: false };
    if (this.mode === 'development' && DEVELOPMENT_CLASSES.has(classification.class)) {
      return { allowed: true, classification, allowlisted: false };
    }
    return { allowed: false, classification };
  }
}

function addCidr(list: BlockList, entry: string, index: number): void {
  const [network = '', prefixText, extra] = entry.trim().split('/');
  const ip = stripZone(network.replace(/^\[|\]$/g, ''));
  const family = isIP(ip);
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw new TypeError(`allowCidrs[${index}]: expected an IP address or CIDR like 10.0.0.0/8 or fd00::/8`);
  }
  list.addSubnet(ip, prefix, family === 4 ? 'ipv4' : 'ipv6');
}

/** Lower case, brackets and trailing dot removed: `Hooks.Example.` and `hooks.example` are one host. */
export function normaliseHostname(hostname: string): string {
  return hostname
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

function isHostname(name: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(
    name,
  );
}

/**
 * Parses the allowlist variable (comma or whitespace separated CIDRs, addresses and host names),
 * naming the variable and the position of a bad entry without echoing anything else.
 */
export function parseDestinationAllowlist(
  text: string | undefined,
  variable = 'TASKHOOKS_DESTINATION_ALLOWLIST',
): { allowCidrs: string[]; allowHosts: string[] } {
  const allowCidrs: string[] = [];
  const allowHosts: string[] = [];
  const entries = (text ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  for (const [i, entry] of entries.entries()) {
    const looksLikeAddress = entry.includes('/') || isIP(entry.replace(/^\[|\]$/g, '')) !== 0;
    try {
      if (looksLikeAddress) new DestinationPolicy({ mode: 'production', allowCidrs: [entry] });
      else new DestinationPolicy({ mode: 'production', allowHosts: [entry] });
    } catch {
      throw new TypeError(
        `${variable}: entry ${i + 1} is neither a CIDR (10.0.0.0/8), an IP address nor a host name (*.corp.example)`,
      );
    }
    (looksLikeAddress ? allowCidrs : allowHosts).push(entry);
  }
  return { allowCidrs, allowHosts };
}
