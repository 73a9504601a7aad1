import { NextResponse } from "next/server";
import { auth } from "@/auth";

/**
 * Redirects pages only: a signed-out visitor of /console or /ops goes to /login.
 * Every API route and server action checks its own session (app/_server/session.ts),
 * and /ops pages check the operator role themselves.
 */
export const proxy = auth((req) => {
  if (!req.auth) {
    const url = new URL("/login", req.nextUrl.origin);
    url.searchParams.set("next", req.nextUrl.pathname + req.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
});

export const config = { matcher: ["/console/:path*", "/ops/:path*"] };
