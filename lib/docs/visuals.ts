import { z } from "zod";
import { API_KINDS, APIS, pathTemplate, type ApiKind } from "@/lib/catalogue/apis";
import { MANUAL_FIELD_NOTES, flattenSchema, type FieldRow } from "@/lib/docs/fields";
import { RESULT_SCHEMAS, successResponse } from "@/lib/gateway/schemas";
import raw from "@/public/visuals/results.json";

/**
 * The site's product pictures: a sample image per API and what OUR engine answered for it
 * (public/visuals/, written by `npm run visuals`, scripts/visuals.ts). Parsed here once; the
 * pages draw each recognised box over the image and list the recognised text.
 */
const sample = z.object({
  image: z.string().startsWith("/visuals/"),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  credit: z.string(),
  response: z.object({ code: z.literal(0), message: z.object({ success: z.number(), fail: z.number() }), result: z.array(z.unknown()).length(1) }),
});
const file = z.object({ general: sample, idcard: sample, plate: sample });

export type Quad = [number, number][];

export interface Visual {
  api: ApiKind;
  image: string;
  width: number;
  height: number;
  credit: string;
  /** recognised regions, corners LT, RT, RB, LB in image pixels (none for the ID card API, which answers fields) */
  boxes: Quad[];
  /** what was read: a text line, a plate, or an ID card field */
  readings: { label?: string; text: string; confidence?: number }[];
  /** the API's whole response, base64 fields shortened */
  response: unknown;
}

const IDCARD_LABELS: Record<string, string> = { name: "姓名", sex: "性别", nation: "民族", birthday: "出生", idn: "公民身份号码", addr: "住址", org: "签发机关", validperiod: "有效期限" };

function toVisual(api: ApiKind, s: z.infer<typeof sample>): Visual {
  const base = { api, image: s.image, width: s.width, height: s.height, credit: s.credit, response: s.response };
  const result = RESULT_SCHEMAS[api].parse(s.response.result[0]);
  if ("text_line" in result) {
    return {
      ...base,
      boxes: result.detail.map((l) => [0, 2, 4, 6].map((i) => [l.box[i]!, l.box[i + 1]!] as [number, number])),
      readings: result.detail.map((l) => ({ text: l.text, confidence: l.confidence })),
    };
  }
  if ("number of plate licenses" in result) {
    return {
      ...base,
      boxes: result.detail.map((p) => p.box.map(([x, y]) => [x, y] as [number, number])),
      readings: result.detail.map((p) => ({ label: p.plate_type, text: p.plate_license, confidence: p.confidence })),
    };
  }
  return {
    ...base,
    boxes: [],
    readings: Object.entries(result.detail)
      .filter(([, v]) => v !== "")
      .map(([k, v]) => ({ label: IDCARD_LABELS[k] ?? k, text: String(v) })),
  };
}

const parsed = file.parse(raw);
export const VISUALS: Readonly<Record<ApiKind, Visual>> = Object.fromEntries(API_KINDS.map((api) => [api, toVisual(api, parsed[api])])) as Record<ApiKind, Visual>;

export interface ApiCard {
  api: ApiKind;
  title: string;
  description: string;
  method: "POST";
  path: string;
  /** the fields of one image's result (result[]…), from the gateway's response schema */
  fields: FieldRow[];
}

/** The three APIs with their paths and response fields, read from the catalogue and the gateway's schemas. */
export function apiCards(): ApiCard[] {
  return API_KINDS.map((api) => {
    const rows = flattenSchema(z.toJSONSchema(successResponse(RESULT_SCHEMAS[api]), { unrepresentable: "any" }), "", MANUAL_FIELD_NOTES);
    return {
      api,
      title: APIS[api].title,
      description: APIS[api].description,
      method: "POST" as const,
      path: pathTemplate(api),
      fields: rows.filter((r) => r.name.startsWith("result[].") && r.name !== "result[].err_code" && r.name !== "result[].err_msg"),
    };
  });
}
