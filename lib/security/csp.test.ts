import { describe, expect, it } from "vitest";
import { newNonce, pageCsp } from "./csp";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";

describe("the pages' Content-Security-Policy", () => {
  it("runs only scripts with the request's nonce (no 'unsafe-inline', no eval in production)", () => {
    const csp = pageCsp("abc123==", false);
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    // a nonce in style-src would switch off the 'unsafe-inline' React's style attributes need
    expect(directive(csp, "style-src")).toBe("style-src 'self' 'unsafe-inline'");
  });

  it("next dev adds eval and its websocket, nothing else", () => {
    expect(directive(pageCsp("n", true), "script-src")).toBe("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(directive(pageCsp("n", true), "connect-src")).toBe("connect-src 'self' ws: wss:");
  });

  it("a nonce is 128 random bits, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of [...nonces].slice(0, 10)) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
