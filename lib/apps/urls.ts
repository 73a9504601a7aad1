import { apiPath, type ApiKind } from "@/lib/catalogue/apis";

/** Path used in the Sign: /v1/aiop/api/{code}/… (no host, no query); the paths are the catalogue's. */
export { apiPath };

/** Full request URL: origin (PUBLIC_BASE_URL or the request's host) + path. */
export function requestUrl(origin: string, api: ApiKind, serviceCode: string): string {
  return origin.replace(/\/+$/, "") + apiPath(api, serviceCode);
}
