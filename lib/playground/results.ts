/**
 * Reading the gateway's answer in the page (browser-safe): per image, its result or
 * its err_code/err_msg; for a failed request, the whole-request code and details.
 */
import type { ApiKind, ResultFor } from "@/lib/engine/types";

export type ImageOutcome<K extends ApiKind = ApiKind> = { ok: true; result: ResultFor<K> } | { ok: false; code: number; message: string };

export type ParsedBody<K extends ApiKind = ApiKind> =
  | { kind: "batch"; images: ImageOutcome<K>[]; success: number; fail: number }
  | { kind: "error"; code: number; message: string };

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Splits a gateway body into one outcome per sent image (in order), or the request's error. */
export function parseGatewayBody<K extends ApiKind>(body: unknown, sent: number): ParsedBody<K> {
  if (!isObj(body)) return { kind: "error", code: 5000, message: "接口返回的不是 JSON" };
  if (body.code !== 0) {
    const code = typeof body.code === "number" ? body.code : 5000;
    const message = typeof body.details === "string" ? body.details : "请求失败";
    return { kind: "error", code, message };
  }
  const list = Array.isArray(body.result) ? body.result : [];
  const images: ImageOutcome<K>[] = [];
  for (let i = 0; i < sent; i++) {
    const r: unknown = list[i];
    if (!isObj(r)) images.push({ ok: false, code: 5000, message: "接口未返回该图片的结果" });
    else if (typeof r.err_code === "number") images.push({ ok: false, code: r.err_code, message: typeof r.err_msg === "string" ? r.err_msg : "" });
    else images.push({ ok: true, result: r as unknown as ResultFor<K> });
  }
  const msg = isObj(body.message) ? body.message : {};
  const fail = typeof msg.fail === "number" ? msg.fail : images.filter((x) => !x.ok).length;
  const success = typeof msg.success === "number" ? msg.success : sent - fail;
  return { kind: "batch", images, success, fail };
}

/** The raw JSON for display: long strings (Base64 face crops) shortened; copy uses the full text. */
export function displayJson(body: unknown, maxString = 120): string {
  const text = JSON.stringify(
    body,
    (_k, v: unknown) => (typeof v === "string" && v.length > maxString ? `${v.slice(0, maxString)}…（共 ${v.length} 个字符）` : v),
    2,
  );
  // keep arrays of numbers (boxes, points) on one line
  return (text ?? "null")
    .replace(/\[\s*(-?[\d.eE+-]+(?:,\s*-?[\d.eE+-]+)*)\s*\]/g, (_m, nums: string) => `[${nums.split(/,\s*/).join(", ")}]`)
    .replace(/\[\s*(\[[^[\]]*\](?:,\s*\[[^[\]]*\])*)\s*\]/g, (_m, rows: string) => `[${rows.split(/\],\s*/).join("], ")}]`);
}

/** Points of a box as "x,y x,y …" for an SVG polygon: 8 numbers (general) or 4 pairs (plate). */
export function polygonPoints(box: readonly number[] | readonly (readonly number[])[]): string {
  const flat = (box as readonly (number | readonly number[])[]).flatMap((p) => (Array.isArray(p) ? p : [p])) as number[];
  const pts: string[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pts.push(`${flat[i]},${flat[i + 1]}`);
  return pts.join(" ");
}
