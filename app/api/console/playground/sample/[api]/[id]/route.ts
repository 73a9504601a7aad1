/** GET /api/console/playground/sample/{api}/{id} — a sample image rendered by lib/render (PNG, cached in memory). */
import { NextResponse } from "next/server";
import { withSession } from "@/app/_server/session";
import { apiSchema } from "@/lib/playground/schemas";
import { sampleImage } from "@/lib/playground/sample-images";

export const runtime = "nodejs";

type Route = { params: Promise<{ api: string; id: string }> };

export const GET = withSession<Route>(async (_req, _ctx, { params }) => {
  const { api, id } = await params;
  const kind = apiSchema.safeParse(api);
  const png = kind.success ? sampleImage(kind.data, id) : null;
  if (!png) return NextResponse.json({ message: "没有这个示例图片" }, { status: 404 });
  return new Response(new Uint8Array(await png), {
    headers: { "content-type": "image/png", "cache-control": "private, max-age=86400" },
  });
});
