"use client";

import { Badge, cx } from "../ui";
import type { Item } from "./playground";

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function summary(item: Item): string {
  const r = item.outcome;
  if (!r || !r.ok) return "";
  const v = r.result as unknown as Record<string, unknown>;
  if (typeof v.text_line === "number") return `${v.text_line} 行文字`;
  if (typeof v["number of plate licenses"] === "number") return `${v["number of plate licenses"]} 块车牌`;
  if (typeof v.note === "string") return v.note === "back" ? "人像面" : "国徽面";
  return "识别成功";
}

/** The added images, each with its state: refused in the browser, waiting, recognised, or the API's per-image error. */
export function ImageList({
  items,
  selected,
  onSelect,
  onRemove,
}: {
  items: Item[];
  selected: string | null;
  onSelect: (id: string) => void;
  onRemove: (id: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <ul className="mt-4 space-y-2" aria-label="已添加的图片">
      {items.map((it) => {
        const error = !it.check.ok ? it.check : it.outcome && !it.outcome.ok ? it.outcome : null;
        return (
          <li
            key={it.id}
            data-testid="image-item"
            className={cx(
              "flex items-start gap-3 rounded-md border p-2",
              selected === it.id ? "border-brand-500 bg-brand-50/40" : "border-slate-200 bg-white",
            )}
          >
            <button type="button" onClick={() => onSelect(it.id)} className="shrink-0" aria-label={`查看 ${it.name}`}>
              {it.check.ok ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={it.url} alt="" className="h-12 w-12 rounded border border-slate-200 object-cover" />
              ) : (
                <span className="grid h-12 w-12 place-items-center rounded border border-slate-200 bg-slate-100 text-xs text-slate-400">无法预览</span>
              )}
            </button>
            <div className="min-w-0 flex-1 text-sm">
              <button type="button" onClick={() => onSelect(it.id)} className="block w-full truncate text-left font-medium text-slate-800 hover:text-brand-600">
                {it.name}
              </button>
              <p className="text-xs text-slate-500">
                {size(it.bytes)}
                {it.check.ok && it.check.width ? ` · ${it.check.width}×${it.check.height}` : ""}
                {it.check.ok ? ` · ${it.check.format.toUpperCase()}` : ""}
              </p>
              <div className="mt-1">
                {error ? (
                  <p role="alert" className="text-xs leading-5 text-red-600" data-testid="image-error">
                    <span className="font-mono font-semibold">{error.code}</span> {error.message}
                  </p>
                ) : it.outcome?.ok ? (
                  <Badge tone="green">{summary(it)}</Badge>
                ) : (
                  <Badge>待识别</Badge>
                )}
              </div>
            </div>
            <button
              type="button"
              onClick={() => onRemove(it.id)}
              aria-label={`移除 ${it.name}`}
              className="grid h-7 w-7 shrink-0 place-items-center rounded text-lg leading-none text-slate-400 hover:bg-slate-100 hover:text-slate-700"
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
