/**
 * The address of the client that sent a request, for rate limits, sign-in throttling,
 * audit rows and per-application allow-lists. One module, used by route handlers, server
 * actions, the Auth.js callback and the open-API gateway.
 *
 * What Next.js gives us (read in next/dist/server/base-server.js, Next 16): `next start`
 * never exposes the socket to a route handler or server action. It only sets
 * `x-forwarded-for ??= socket.remoteAddress`, i.e. the peer is written into the header
 * **only when the client sent none** — a client that sends `X-Forwarded-For: 1.2.3.4`
 * hides its real address completely, and the header's first (and last) value is whatever
 * the client chose. The old code trusted that first value, so anyone could pick the key
 * their failed sign-ins were counted under.
 *
 * What we do about it: `installPeerHeader()` (called from instrumentation.ts, which Next
 * runs in the server process before it serves requests) wraps the HTTP server's `request`
 * event and, before Next sees the request,
 *   - sets `x-ocr-peer` to the socket's remote address, overwriting anything a client sent
 *     under that name, and
 *   - appends that same address to `X-Forwarded-For` the way a proxy does
 *     (`<what the sender wrote>, <peer>`), so the chain's right-most entry is always the
 *     hop that really connected to us.
 *
 * What is trusted, exactly:
 *   1. The socket peer (`x-ocr-peer`) is always true.
 *   2. An entry of `X-Forwarded-For` is believed only if the entry to its right is a
 *      trusted proxy: we walk the chain from the right, skipping hops whose address is in
 *      `TRUSTED_PROXIES` (comma-separated addresses or CIDRs, e.g.
 *      `127.0.0.1, 10.0.0.0/8, ::1`), and the client is the first hop that is not trusted.
 *      With `TRUSTED_PROXIES` unset nothing is skipped: the client is the socket peer and
 *      every `X-Forwarded-For` value a client sends is ignored.
 *   3. `X-Real-IP`, `Forwarded` and the left-most `X-Forwarded-For` value are never read.
 * Your proxy must append to X-Forwarded-For (nginx `$proxy_add_x_forwarded_for`, HAProxy
 * `option forwardfor`, most load balancers) — a proxy that passes a client's header through
 * unchanged cannot be trusted.
 *
 * Without the marker header (code running outside `next start`/`next dev`, e.g. a unit
 * test calling a handler, or a request that arrived before instrumentation registered)
 * there is no socket to ask: we then fall back to Next's own header and take its right-most
 * value, which is the peer unless the client sent an X-Forwarded-For of its own.
 *
 * Addresses are normalised: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) becomes `10.0.0.1`, IPv6
 * is written in its canonical short form, and a zone id is dropped.
 */
import ipaddr from "ipaddr.js";

export const PEER_HEADER = "x-ocr-peer";
const INSTALLED = Symbol.for("ocr.net.peerHeaderInstalled");

/** Anything with a case-insensitive `get`, e.g. `Request#headers` or `await headers()`. */
export type HeaderSource = { get(name: string): string | null };

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses one address (IPv4, IPv6, `[v6]`, `v4:port`) into its canonical text, or null. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (!s || s.toLowerCase() === "unknown") return null;
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) s = bracket[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!ipaddr.isValid(s)) return null;
  // ipaddr.isValid accepts "1" or "0x7f.1" (inet_aton forms); only the dotted quad is an address here
  if (!s.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(s)) return null;
  return ipaddr.process(s).toString();
}

/** Parses `TRUSTED_PROXIES`: addresses and CIDRs separated by commas or spaces. Throws on a bad entry. */
export function parseTrustedProxies(value: string | undefined): Range[] {
  const out: Range[] = [];
  for (const item of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    try {
      if (item.includes("/")) {
        const [addr, bits] = ipaddr.parseCIDR(item);
        out.push([addr, bits]);
        // an IPv4 range also covers its IPv4-mapped IPv6 form; peers are normalised to IPv4 anyway
      } else {
        const norm = normalizeAddress(item);
        if (!norm) throw new Error("not an address");
        const addr = ipaddr.parse(norm);
        out.push([addr, addr.kind() === "ipv4" ? 32 : 128]);
      }
    } catch {
      throw new Error(`TRUSTED_PROXIES: "${item}" is not an IP address or CIDR range`);
    }
  }
  return out;
}

let cache: { source: string | undefined; ranges: Range[] } | undefined;
function trustedFromEnv(): Range[] {
  const source = process.env.TRUSTED_PROXIES;
  if (!cache || cache.source !== source) cache = { source, ranges: parseTrustedProxies(source) };
  return cache.ranges;
}

export function isTrusted(address: string, ranges: Range[]): boolean {
  const addr = ipaddr.parse(address);
  return ranges.some(([net, bits]) => addr.kind() === net.kind() && addr.match(net, bits));
}

/** Splits an X-Forwarded-For chain; an entry that is not an address stays as null. */
function chainOf(xff: string | null): (string | null)[] {
  if (!xff) return [];
  return xff.split(",").map((part) => normalizeAddress(part));
}

/**
 * The client's address as a canonical string, or null when none is known.
 * `trusted` defaults to `TRUSTED_PROXIES` from the environment.
 */
export function clientAddress(headers: HeaderSource, trusted: Range[] = trustedFromEnv()): string | null {
  const peer = normalizeAddress(headers.get(PEER_HEADER));
  const chain = chainOf(headers.get("x-forwarded-for"));
  if (peer) {
    // the installed hook appended the peer; anything else means the chain is not ours
    if (chain.at(-1) !== peer) return peer;
  } else if (chain.length === 0) {
    return null;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i];
    if (!hop) return chain[i + 1] ?? null; // garbage written by a trusted hop's client: stop at the last good hop
    if (i === 0 || !isTrusted(hop, trusted)) return hop;
  }
  return null;
}

type Emitter = { emit(event: string | symbol, ...args: unknown[]): boolean };
type IncomingLike = { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } };

/** Rewrites one incoming request's headers as described at the top of this file. */
export function stampPeer(req: IncomingLike): void {
  const peer = normalizeAddress(req.socket?.remoteAddress) ?? "";
  const sent = req.headers["x-forwarded-for"];
  const prior = (Array.isArray(sent) ? sent.join(", ") : (sent ?? "")).trim();
  req.headers[PEER_HEADER] = peer;
  req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
}

/**
 * Wraps `emit` of the given server prototypes (node:http's and node:https's Server) so every
 * `request` event is stamped with its peer before any listener — Next.js — runs. Idempotent.
 */
export function installPeerHeader(prototypes: Emitter[]): void {
  for (const proto of prototypes) {
    const marked = proto as Emitter & { [INSTALLED]?: boolean };
    if (marked[INSTALLED]) continue;
    const original = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request" && args[0]) stampPeer(args[0] as IncomingLike);
      return original.call(this, event, ...args);
    };
    Object.defineProperty(marked, INSTALLED, { value: true });
  }
}
