import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/** The origin customers call: PUBLIC_BASE_URL, else the host this request came to. */
export async function publicOrigin(): Promise<string> {
  const configured = env().PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const local = /^(localhost|127\.|\[::1\])/.test(host);
  const proto = h.get("x-forwarded-proto") ?? (local ? "http" : "https");
  return `${proto}://${host}`;
}
