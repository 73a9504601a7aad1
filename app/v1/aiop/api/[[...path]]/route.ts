/** The signed OCR open API: every path under /v1/aiop/api (unknown ones answer 4013, other methods 4012). */
import { getEngine } from "@/lib/engine";
import { handleOpenApi } from "@/lib/gateway";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const handle = (req: Request): Promise<Response> => handleOpenApi(req, { engine: getEngine() });

export const POST = handle;
export const GET = handle;
export const PUT = handle;
export const DELETE = handle;
export const PATCH = handle;
