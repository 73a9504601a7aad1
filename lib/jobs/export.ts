/** A finished job's results as a download: the JSON of the status call, or one CSV row per image. */
import type { ApiKind } from "@/lib/engine/types";

type Element = Record<string, unknown> | null;

function text(api: ApiKind, el: Element): string {
  if (!el || typeof el.err_code === "number") return "";
  if (api === "general") return ((el.detail as { text: string }[] | undefined) ?? []).map((d) => d.text).join("\n");
  if (api === "plate") return ((el.detail as { plate_license: string }[] | undefined) ?? []).map((d) => d.plate_license).join(" ");
  const d = (el.detail ?? {}) as Record<string, string>;
  return ["name", "sex", "nation", "birthday", "idn", "addr", "org", "validperiod"].map((k) => d[k] ?? "").join(" | ");
}

/** RFC 4180 quoting; a cell starting with = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function resultsCsv(api: ApiKind, results: Element[]): string {
  const rows: (string | number)[][] = [["序号", "状态", "错误码", "错误信息", "识别内容"]];
  results.forEach((el, i) => {
    const err = el && typeof el.err_code === "number" ? el : null;
    rows.push([i + 1, !el ? "未完成" : err ? "失败" : "成功", err ? Number(err.err_code) : "", err ? String(err.err_msg ?? "") : "", text(api, el)]);
  });
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
