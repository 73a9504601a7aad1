/** Asynchronous batch jobs of the signed OCR API (lib/jobs/routes.ts): submit, status, cancel. */
import { getEngine } from "@/lib/engine";
import { handleJobsApi } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const handle = (req: Request): Promise<Response> => handleJobsApi(req, { engine: getEngine() });

export const POST = handle;
export const GET = handle;
export const PUT = handle;
export const DELETE = handle;
export const PATCH = handle;
