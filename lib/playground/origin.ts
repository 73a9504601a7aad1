/** The origin shown in code samples: PUBLIC_BASE_URL when configured, else the request's own host. */
export function publicOrigin(configured: string | undefined, req: Request): string {
  if (configured) return configured.replace(/\/+$/, "");
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
