/**
 * The signed OCR open API (用户操作手册 chapter 4). Route files call handleOpenApi
 * with the process engine; tests and the benchmark inject their own.
 */
import { ocrHandler } from "./ocr";
import { withSignedApp, type GatewayDeps } from "./signed";

export const handleOpenApi: (req: Request, deps: GatewayDeps) => Promise<Response> = withSignedApp(ocrHandler);

export { withSignedApp, errorBody, errorOutcome, type GatewayDeps, type Outcome, type SignedRequest } from "./signed";
export { resolveRoute, pathTemplate, ROUTES, API_PREFIX } from "./routes";
export { MAX_BODY_BYTES, MAX_IMAGES, MAX_IMAGE_BYTES } from "./body";
