/**
 * POST /api/console/playground — one playground call for a signed-in user's application:
 * signed on the server and handed in-process to the open-API gateway route as a real
 * signed Request (authenticated, charged and recorded like any call).
 */
import { NextResponse } from "next/server";
import { withSession } from "@/app/_server/session";
import { POST as gateway } from "@/app/v1/aiop/api/[[...path]]/route";
import { callGateway } from "@/lib/playground/call";
import { callSchema, MAX_CALL_BODY } from "@/lib/playground/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withSession(async (req, { db, user }) => {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_CALL_BODY) return NextResponse.json({ message: "请求体过大，请减少图片数量" }, { status: 413 });
  const parsed = callSchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ message: parsed.error.issues[0]?.message ?? "请求有误" }, { status: 400 });
  const res = await callGateway(db, user.id, parsed.data, { send: (r) => gateway(r), origin: new URL(req.url).origin });
  if (!res.ok) return NextResponse.json({ message: res.message }, { status: res.code === "unreachable" ? 502 : 404 });
  return NextResponse.json(res.value);
});
