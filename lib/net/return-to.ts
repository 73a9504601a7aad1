/**
 * A place in this site to come back to (?returnTo=, ?next=): only a path on the same origin —
 * "/console/orders/ord_1/pay" — never "//evil.example", "/\evil.example", "https://…" or
 * "javascript:…", which a browser would take elsewhere.
 */
export function safeReturnPath(value: unknown, allowedPrefix = "/"): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 512) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  const base = "http://same.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base || !url.pathname.startsWith(allowedPrefix)) return null;
  return url.pathname + url.search + url.hash;
}

/** What a link back to `path` says: 返回订单支付, 返回订单, 返回应用, or 返回上一页. */
export function returnLabel(path: string): string {
  if (/^\/console\/orders\/[^/]+\/pay/.test(path)) return "返回订单支付";
  if (path.startsWith("/console/orders/")) return "返回订单";
  if (path.startsWith("/console/apps/")) return "返回应用";
  return "返回上一页";
}
