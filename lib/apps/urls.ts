import type { ApiKindColumn } from "@/db/schema";

/** The manual's request path of each API, after /v1/aiop/api/{服务码} (用户操作手册 4.1–4.3). */
export const API_PATH_SUFFIX: Record<ApiKindColumn, string> = {
  general: "/ocrdetect/ocr/v1/image.json",
  idcard: "/IdentityCard/ocr/v1/idcard.json",
  plate: "/driven-plate-ocr/plateLicense.json",
};

/** Path used in the Sign: /v1/aiop/api/{code}/… (no host, no query). */
export function apiPath(api: ApiKindColumn, serviceCode: string): string {
  return `/v1/aiop/api/${serviceCode}${API_PATH_SUFFIX[api]}`;
}

/** Full request URL: origin (PUBLIC_BASE_URL or the request's host) + path. */
export function requestUrl(origin: string, api: ApiKindColumn, serviceCode: string): string {
  return origin.replace(/\/+$/, "") + apiPath(api, serviceCode);
}
