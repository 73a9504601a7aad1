/**
 * Turns a JSON Schema (made by z.toJSONSchema from the gateway's own zod schemas, the
 * source of /openapi.json) into the manual's field tables: result[].detail[].text and so on.
 */
export interface FieldRow {
  name: string;
  required: boolean;
  type: string;
  description: string;
}

interface Js {
  type?: string | string[];
  properties?: Record<string, Js>;
  required?: string[];
  items?: Js;
  prefixItems?: Js[];
  anyOf?: Js[];
  oneOf?: Js[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
}

function typeName(s: Js): string {
  if (typeof s.const === "number") return Number.isInteger(s.const) ? "int" : "float";
  if (typeof s.const === "string") return "string";
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return typeName(branches[0]!);
  if (s.prefixItems || (s.type === "array" && s.items && !isObject(s.items))) return "array";
  if (s.type === "array") return "json array";
  if (s.type === "integer") return "int";
  if (s.type === "number") return "float";
  if (s.type === "object") return "object";
  if (s.enum || typeof s.const === "string") return "string";
  return Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
}

function isObject(s: Js): boolean {
  const branches = s.anyOf ?? s.oneOf;
  return s.type === "object" || !!s.properties || (!!branches && branches.some(isObject));
}

function describe(s: Js): string {
  let d = s.description ?? "";
  if (s.enum) d += (d ? "；" : "") + `取值：${s.enum.join(" / ")}`;
  if (s.const !== undefined && !s.description) d = `固定为 ${JSON.stringify(s.const)}`;
  return d;
}

/** Flattens an object schema into rows, parents before children. */
export function flattenSchema(schema: unknown, prefix = "", fallback: Record<string, string> = {}): FieldRow[] {
  const rows: FieldRow[] = [];
  walkObject(schema as Js, prefix, true, rows);
  return rows.map((r) => (r.description ? r : { ...r, description: fallback[r.name] ?? "" }));
}

/** The manual's words for fields whose schema carries no description. */
export const MANUAL_FIELD_NOTES: Record<string, string> = {
  code: "请求响应状态码",
  message: "请求信息结构体",
  "message.success": "请求 list 中成功的图片数量",
  "message.fail": "请求 list 中失败的图片数量",
  "result[].detail": "识别结果的具体信息",
  "result[].detail[].confidence": "识别置信度（0–1）",
  "result[].warnings": "识别提示（如身份证号校验未通过），可忽略",
};

function walkObject(s: Js, prefix: string, parentRequired: boolean, rows: FieldRow[]): void {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    // a union (a result or a per-image error): fields of later branches are not always present
    branches.forEach((b, i) => {
      const part: FieldRow[] = [];
      walkObject(b, prefix, parentRequired && i === 0, part);
      for (const r of part) if (!rows.some((x) => x.name === r.name)) rows.push(r);
    });
    return;
  }
  if (!s.properties) return;
  for (const [key, child] of Object.entries(s.properties)) {
    const name = prefix ? `${prefix}.${key}` : key;
    const required = parentRequired && (s.required ?? []).includes(key);
    rows.push({ name, required, type: typeName(child), description: describe(child) });
    if (isObject(child)) walkObject(child, name, required, rows);
    else if (child.type === "array" && child.items && isObject(child.items)) walkObject(child.items, `${name}[]`, required, rows);
  }
}
