/** OpenAPI 3.1 description of the open API, from the gateway's zod schemas (lib/api/spec). */
import { buildOpenApiDocument } from "@/lib/api/spec";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(buildOpenApiDocument());
}
