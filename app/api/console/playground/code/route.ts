/** POST /api/console/playground/code — a code sample's URL and a Sign for a fresh timestamp (the secret stays here). */
import { NextResponse } from "next/server";
import { withSession } from "@/app/_server/session";
import { env } from "@/lib/env";
import { publicOrigin } from "@/lib/playground/origin";
import { codeSchema } from "@/lib/playground/schemas";
import { signedSample } from "@/lib/playground/sign-sample";

export const dynamic = "force-dynamic";

export const POST = withSession(async (req, { db, user }) => {
  const parsed = codeSchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ message: parsed.error.issues[0]?.message ?? "请求有误" }, { status: 400 });
  const res = await signedSample(db, user.id, parsed.data, { origin: publicOrigin(env().PUBLIC_BASE_URL, req) });
  if (!res.ok) return NextResponse.json({ message: res.message }, { status: 404 });
  return NextResponse.json(res.value, { headers: { "cache-control": "no-store" } });
});
