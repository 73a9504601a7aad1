import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockedAddressError, checkPublicUrl, guardedLookup, isPublicAddress, publicRequest, type Resolver } from "./outbound";

/** A resolver that answers from a table: no internet DNS in tests. */
const table =
  (t: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = t[host];
    if (!found) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("checkPublicUrl (the form check)", () => {
  it.each([
    "https://[::ffff:7f00:1]/",
    "https://[::]/",
    "https://[::ffff:10.0.0.1]/",
    "https://[fec0::1]/",
    "https://[::1]/",
    "https://[fd12::1]/",
    "https://[64:ff9b::a00:1]/",
    "https://[2002:7f00:1::1]/",
    "https://localhost./",
    "https://LOCALHOST/",
    "https://metadata.google.internal./",
    "https://printer.local/",
    "https://intranet/",
    "https://0x7f.1/",
    "https://2130706433/",
    "https://169.254.169.254/latest/meta-data/",
    "https://100.64.0.1/",
    "https://0.0.0.0/",
    "http://example.com/",
    "https://user:pw@example.com/",
  ])("refuses %s", (url) => {
    expect(checkPublicUrl(url).ok).toBe(false);
  });
  it("accepts a public https URL (it is checked again at connect time)", () => {
    expect(checkPublicUrl("https://hooks.example.com/ocr").ok).toBe(true);
    expect(checkPublicUrl("https://[2606:4700::1111]/").ok).toBe(true);
  });
  it("classifies addresses with ipaddr.js ranges", () => {
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("::ffff:8.8.8.8")).toBe(true);
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "::ffff:127.0.0.1", "fe80::1", "::", "fec0::1", "not-an-ip"]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });
});

describe("connect-time check", () => {
  let server: http.Server;
  let hits = 0;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("refuses a name that resolves to a private address, before any connection", async () => {
    const resolver = table({ "127.0.0.1.nip.io": ["127.0.0.1"], "evil.example": ["93.184.216.34", "10.0.0.7"], "v6.example": ["::ffff:7f00:1"] });
    for (const host of ["127.0.0.1.nip.io", "evil.example", "v6.example"]) {
      await expect(publicRequest(`https://${host}:${port}/`, { body: "{}", timeoutMs: 2000 }, { resolver })).rejects.toBeInstanceOf(BlockedAddressError);
    }
    expect(hits).toBe(0);
  });

  it("hands the HTTP agent exactly the checked addresses (pinned), in both lookup forms", async () => {
    const lookup = guardedLookup(table({ "hooks.example": ["93.184.216.34", "2606:2800:220:1::1"] }));
    const one = await new Promise<unknown[]>((r) => lookup("hooks.example", { family: 4 }, (...args: unknown[]) => r(args)));
    expect(one).toEqual([null, "93.184.216.34", 4]);
    const all = await new Promise<unknown[]>((r) => lookup("hooks.example", { all: true }, (...args: unknown[]) => r(args)));
    expect(all).toEqual([null, [{ address: "93.184.216.34", family: 4 }, { address: "2606:2800:220:1::1", family: 6 }]]);
    const bad = await new Promise<unknown[]>((r) => guardedLookup(table({ x: ["192.168.0.2"] }))("x.", { all: true }, (...args: unknown[]) => r(args)));
    expect(bad[0]).toBeInstanceOf(BlockedAddressError);
  });

  it("reaches a local test receiver only when the caller allows http://127.0.0.1 (tests)", async () => {
    await expect(publicRequest(`http://127.0.0.1:${port}/`, { body: "{}", timeoutMs: 2000 })).rejects.toBeInstanceOf(BlockedAddressError);
    expect(await publicRequest(`http://127.0.0.1:${port}/`, { body: "{}", timeoutMs: 2000 }, { allowHttpLocal: true })).toEqual({ status: 200 });
    expect(hits).toBe(1);
  });
});
