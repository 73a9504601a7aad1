/**
 * Resolving the manual's three request paths (declared in lib/catalogue/apis), exactly:
 *   /v1/aiop/api/{serviceCode}/ocrdetect/ocr/v1/image.json         通用型 OCR
 *   /v1/aiop/api/{serviceCode}/IdentityCard/ocr/v1/idcard.json     身份证识别
 *   /v1/aiop/api/{serviceCode}/driven-plate-ocr/plateLicense.json  车牌识别
 * The plate path's last segment matches case-insensitively (the manual's curl and
 * Python samples write `platelicense.json`), and its Sign may be computed over either
 * of the manual's two spellings of that segment.
 */
import { API_LIST, API_PREFIX, pathTemplate, type ApiKind } from "@/lib/catalogue/apis";

export { API_PREFIX, pathTemplate };

export interface RouteDef {
  api: ApiKind;
  /** path after the service code, as the manual writes it in the request URL */
  suffix: string;
  /** spellings of the last segment a Sign may have been computed over (besides the one sent) */
  signSpellings?: string[];
  caseInsensitiveLast?: boolean;
}

/** The routes of the catalogue (lib/catalogue/apis). */
export const ROUTES: readonly RouteDef[] = API_LIST.map((a) => ({
  api: a.kind,
  suffix: a.suffix,
  ...(a.signSpellings ? { signSpellings: [...a.signSpellings] } : {}),
  ...(a.caseInsensitiveLast ? { caseInsensitiveLast: true } : {}),
}));

export interface ResolvedRoute {
  api: ApiKind;
  serviceCode: string;
  /** the paths a valid Sign may have been computed over (the sent path first) */
  signPaths: string[];
}

const SERVICE_CODE_RE = /^[0-9a-z]{1,64}$/;

/** Which API a request path names, or null (→ 4013). */
export function resolveRoute(pathname: string): ResolvedRoute | null {
  if (!pathname.startsWith(API_PREFIX)) return null;
  const rest = pathname.slice(API_PREFIX.length);
  const slash = rest.indexOf("/");
  if (slash <= 0) return null;
  const serviceCode = rest.slice(0, slash);
  if (!SERVICE_CODE_RE.test(serviceCode)) return null;
  const suffix = rest.slice(slash + 1);
  for (const r of ROUTES) {
    const cut = r.suffix.lastIndexOf("/") + 1;
    const head = r.suffix.slice(0, cut);
    const last = r.suffix.slice(cut);
    if (!suffix.startsWith(head)) continue;
    const sentLast = suffix.slice(cut);
    const match = r.caseInsensitiveLast ? sentLast.toLowerCase() === last.toLowerCase() : sentLast === last;
    if (!match) continue;
    const base = `${API_PREFIX}${serviceCode}/${head}`;
    const signPaths = [pathname, ...(r.signSpellings ?? []).map((s) => base + s)];
    return { api: r.api, serviceCode, signPaths: [...new Set(signPaths)] };
  }
  return null;
}
