import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, installPeerHeader, normalizeAddress, parseTrustedProxies, PEER_HEADER } from "./client-address";

const h = (o: Record<string, string>) => new Headers(o);

describe("clientAddress without a trusted proxy", () => {
  const none = parseTrustedProxies(undefined);
  it("is the socket peer; a client's own X-Forwarded-For is ignored", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), none)).toBe("203.0.113.9");
  });
  it("ignores X-Real-IP", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "203.0.113.9", "x-real-ip": "1.1.1.1" }), none)).toBe("203.0.113.9");
  });
  it("uses the peer when the chain was not stamped by our hook", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "1.2.3.4" }), none)).toBe("203.0.113.9");
  });
  it("normalises IPv4-mapped IPv6", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "::ffff:127.0.0.1", "x-forwarded-for": "::ffff:127.0.0.1" }), none)).toBe("127.0.0.1");
  });
  it("falls back to Next's own header (right-most value) without the marker", () => {
    expect(clientAddress(h({ "x-forwarded-for": "9.9.9.9, 10.0.0.1" }), none)).toBe("10.0.0.1");
    expect(clientAddress(h({}), none)).toBeNull();
  });
});

describe("clientAddress behind trusted proxies", () => {
  const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");
  it("walks the chain from the right past trusted hops", () => {
    const hs = h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.1.2.3, 127.0.0.1" });
    expect(clientAddress(hs, trusted)).toBe("198.51.100.7");
  });
  it("a client cannot pick its key by prepending values", () => {
    const a = clientAddress(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "1.1.1.1, 198.51.100.7, 127.0.0.1" }), trusted);
    const b = clientAddress(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "2.2.2.2, 198.51.100.7, 127.0.0.1" }), trusted);
    expect(a).toBe("198.51.100.7");
    expect(b).toBe(a);
  });
  it("does not believe a chain coming from an untrusted peer", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "10.0.0.5, 198.51.100.7" }), trusted)).toBe("198.51.100.7");
  });
  it("stops at garbage written left of a trusted hop", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "not-an-ip, 127.0.0.1" }), trusted)).toBe("127.0.0.1");
  });
  it("takes the left-most hop when every hop is trusted", () => {
    expect(clientAddress(h({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "10.0.0.9, 127.0.0.1" }), trusted)).toBe("10.0.0.9");
  });
});

describe("address parsing", () => {
  it("accepts the usual forms and refuses the rest", () => {
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("0x7f.1")).toBeNull();
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });
  it("refuses a bad TRUSTED_PROXIES entry with its value", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.local")).toThrow(/proxy\.local/);
  });
});

describe("installPeerHeader on a real HTTP server", () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    installPeerHeader([http.Server.prototype]);
    installPeerHeader([http.Server.prototype]); // idempotent
    server = http.createServer((req, res) => {
      const headers = new Headers(req.headers as Record<string, string>);
      res.end(JSON.stringify({ client: clientAddress(headers, []), xff: req.headers["x-forwarded-for"], peer: req.headers[PEER_HEADER] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("overwrites a forged peer header and appends the peer to X-Forwarded-For", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "8.8.8.8", [PEER_HEADER]: "8.8.4.4" } });
    expect(await res.json()).toEqual({ client: "127.0.0.1", xff: "8.8.8.8, 127.0.0.1", peer: "127.0.0.1" });
  });
  it("writes the peer alone when the client sent no X-Forwarded-For", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.json()).toMatchObject({ client: "127.0.0.1", xff: "127.0.0.1" });
  });
});
