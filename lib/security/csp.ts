/**
 * The pages' Content-Security-Policy, built per request by proxy.ts around a fresh nonce.
 *
 * Scripts: only those carrying the nonce run ('strict-dynamic' lets them load the chunks they
 * import). Next.js reads the nonce from the request's Content-Security-Policy header and puts it
 * on its bootstrap, RSC payload and chunk scripts; the pages render per request (app/layout.tsx
 * reads the nonce), since a page prerendered at build time cannot carry one. No 'unsafe-inline'
 * for scripts, so an injected <script> or on* attribute does not run.
 *
 * Styles keep 'unsafe-inline' (and no nonce, which would switch 'unsafe-inline' off): React
 * writes `style` attributes (progress bars, recharts' tooltips and SVG layout, Tailwind's
 * arbitrary values go into the stylesheet, not inline), and a style attribute cannot carry a
 * nonce. An injected style can restyle a page but runs nothing.
 *
 * Images may be data:/blob: (在线调试 previews and resized photos); `next dev` also needs eval
 * and its websocket. Nothing may frame a page (clickjacking on 停用/删除/支付 buttons).
 */
export function pageCsp(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A nonce: 128 random bits, base64 (Web Crypto, so it runs wherever proxy.ts runs). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
