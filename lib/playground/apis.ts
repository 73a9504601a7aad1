/** The playground's view of the three APIs, browser-safe. */
import { API_KINDS, API_LABELS, type ApiKind } from "@/lib/catalogue/apis";

/** The playground offers every API of the catalogue. */
export const PLAYGROUND_APIS = API_KINDS;
export { API_LABELS };

/** Sample images one click away, per API (rendered by lib/render, see sample-images.ts). */
export const SAMPLE_IMAGES: Record<ApiKind, { id: string; label: string }[]> = {
  general: [{ id: "text", label: "文本页面" }],
  idcard: [
    { id: "portrait", label: "身份证人像面" },
    { id: "emblem", label: "身份证国徽面" },
  ],
  plate: [{ id: "scene", label: "街景车牌" }],
};

/** What the playground's route answers for one call: the gateway's JSON and what it measured. */
export interface CallOutcome {
  httpStatus: number;
  /** the gateway's response body, parsed (or { raw } when it was not JSON) */
  body: unknown;
  requestId: string | null;
  quotaRemaining: number | null;
  /** time spent in the gateway, measured on the server, in ms */
  latencyMs: number;
}
