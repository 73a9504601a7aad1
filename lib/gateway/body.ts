/** Reads a request body as raw bytes, refusing (4021) as soon as it passes the cap. */
import { ApiError } from "@/lib/api/codes";

export const MAX_IMAGES = 50;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** 50 images of 10 MB in base64, plus room for the JSON around them. */
export const MAX_BODY_BYTES = MAX_IMAGES * Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 1024 * 1024;

export async function readBodyCapped(req: Request, cap: number = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > cap) throw new ApiError(4021, `请求体 ${declared} 字节，上限 ${cap} 字节`);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError(4021, `请求体超过上限 ${cap} 字节`);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks, total);
}
