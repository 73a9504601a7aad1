/**
 * Requests to URLs a customer typed (alert webhooks, async-job callbacks), made so that they
 * can only reach the public internet — never this machine, the LAN, the cloud metadata
 * service or anything else behind the firewall (SSRF).
 *
 * Checking the URL's text is not enough: `https://[::ffff:7f00:1]/`, `[::]`, `fec0::`,
 * `localhost.` or any DNS name that resolves to 127.0.0.1 (`127.0.0.1.nip.io`) would pass a
 * text filter, and a name checked once may resolve differently a moment later (DNS
 * rebinding). So:
 *   1. the URL must be https (http only with `allowHttpLocal`, for tests' local receivers),
 *      without user:password, on a name that is not local by its form (localhost, *.local,
 *      *.internal, *.home.arpa, one-label names; a trailing dot is ignored);
 *   2. an IP literal must be public (ipaddr.js: range "unicast" after unmapping ::ffff:a.b.c.d);
 *   3. a name is resolved AT CONNECT TIME by the HTTP agent's `lookup`: EVERY address it
 *      resolves to must be public, and the socket connects to exactly those checked addresses
 *      (pinned: no second resolution happens between check and connect).
 *
 * `publicRequest()` is the one way to send such a request; `checkPublicUrl()` is the form check
 * (step 1–2) for validating input before saving it.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export type Resolved = { address: string; family: 4 | 6 };
/** Resolves a host name to every address it has (injectable for tests). */
export type Resolver = (hostname: string) => Promise<Resolved[]>;

export const systemResolver: Resolver = async (hostname) => {
  const all = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface OutboundOptions {
  /** tests only: also accept http://127.0.0.1:<port> (a local receiver) */
  allowHttpLocal?: boolean;
  resolver?: Resolver;
}

export class BlockedAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BlockedAddressError";
  }
}

/** True when the address is globally routable unicast (not loopback, private, link-local, reserved, mapped…). */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return false;
  return ipaddr.process(bare).range() === "unicast";
}

const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa", ".corp", ".localdomain"];

/** A host name that names something local by its form alone. */
function isLocalName(host: string): boolean {
  if (host === "localhost" || !host.includes(".")) return true;
  return LOCAL_SUFFIXES.some((s) => host.endsWith(s));
}

/** The form check: a URL a customer may save, or why not. */
export function checkPublicUrl(raw: string, opts: OutboundOptions = {}): { ok: true; url: URL } | { ok: false; message: string } {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { ok: false, message: "请输入完整的 URL，例如 https://example.com/ocr-alerts" };
  }
  if (u.username || u.password) return { ok: false, message: "URL 中不能包含用户名或密码" };
  if (opts.allowHttpLocal && u.protocol === "http:" && u.hostname === "127.0.0.1") return { ok: true, url: u };
  if (u.protocol !== "https:") return { ok: false, message: "地址必须使用 HTTPS" };
  const host = u.hostname.replace(/^\[|\]$/g, "").replace(/\.+$/, "").toLowerCase();
  if (ipaddr.isValid(host) ? !isPublicAddress(host) : isLocalName(host)) {
    return { ok: false, message: "地址不能指向本机或内网地址" };
  }
  return { ok: true, url: u };
}

/** A `lookup` for http(s).request that resolves with `resolver` and refuses any non-public answer. */
export function guardedLookup(resolver: Resolver): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    resolver(hostname.replace(/\.+$/, "")).then(
      (found) => {
        const list = found.filter((a) => !options.family || a.family === options.family);
        if (list.length === 0) return callback(Object.assign(new Error(`${hostname} 无法解析`), { code: "ENOTFOUND" }));
        const bad = list.find((a) => !isPublicAddress(a.address));
        if (bad) return callback(new BlockedAddressError(`${hostname} 解析到内网或保留地址 ${bad.address}，已拒绝连接`));
        if (options.all) callback(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (e: unknown) => callback(e),
    );
  }) as LookupFunction;
}

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface OutboundResponse {
  status: number;
}

/**
 * Sends one request to a public address (see the top of this file) and answers its status.
 * Redirects are not followed; the response body is read and dropped (at most 64 KB).
 * Throws BlockedAddressError for a refused address, an Error with name "TimeoutError" on time-out.
 */
export function publicRequest(raw: string, req: OutboundRequest, opts: OutboundOptions = {}): Promise<OutboundResponse> {
  const checked = checkPublicUrl(raw, opts);
  if (!checked.ok) return Promise.reject(new BlockedAddressError(checked.message));
  const u = checked.url;
  const local = u.protocol === "http:";
  const mod = local ? http : https;
  return new Promise((resolve, reject) => {
    const r = mod.request(
      u,
      {
        method: req.method ?? "POST",
        headers: { ...req.headers, ...(req.body !== undefined ? { "content-length": String(Buffer.byteLength(req.body)) } : {}) },
        // a local test receiver is an IP literal (no lookup happens); every name goes through the guard
        lookup: guardedLookup(opts.resolver ?? systemResolver),
        agent: false,
        timeout: req.timeoutMs,
      },
      (res) => {
        let seen = 0;
        res.on("data", (c: Buffer) => {
          seen += c.length;
          if (seen > 65_536) res.destroy();
        });
        res.on("close", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    const timer = setTimeout(() => r.destroy(Object.assign(new Error("超时"), { name: "TimeoutError" })), req.timeoutMs);
    r.on("timeout", () => r.destroy(Object.assign(new Error("超时"), { name: "TimeoutError" })));
    r.on("error", (e) => reject(e));
    r.on("close", () => clearTimeout(timer));
    r.end(req.body);
  });
}
