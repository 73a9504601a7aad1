import { NextResponse } from "next/server";
import { auth } from "@/auth";
import { newNonce, pageCsp } from "@/lib/security/csp";

const PROTECTED = /^\/(console|ops)(\/|$)/;

/**
 * Every page: a fresh nonce and the Content-Security-Policy built around it (lib/security/csp.ts),
 * set on the response and on the request, where Next.js reads it to put the nonce on its scripts.
 * And the one redirect: a signed-out visitor of /console or /ops goes to /login.
 * Every API route and server action checks its own session (app/_server/session.ts),
 * and /ops pages check the operator role themselves.
 */
export const proxy = auth((req) => {
  const nonce = newNonce();
  const csp = pageCsp(nonce);
  let res: NextResponse;
  if (!req.auth && PROTECTED.test(req.nextUrl.pathname)) {
    const url = new URL("/login", req.nextUrl.origin);
    url.searchParams.set("next", req.nextUrl.pathname + req.nextUrl.search);
    res = NextResponse.redirect(url);
  } else {
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    res = NextResponse.next({ request: { headers } });
  }
  res.headers.set("Content-Security-Policy", csp);
  return res;
});

// Pages only: not the APIs (their CSP is next.config.mjs's), Next's static files or the icon.
// Prefetches are skipped as the Next.js guide does (their payload is not a document).
export const config = {
  matcher: [
    {
      source: "/((?!api/|v1/|_next/static|_next/image|icon\\.svg|favicon\\.ico|openapi\\.json|robots\\.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
