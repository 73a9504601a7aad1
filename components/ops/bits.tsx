import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, Button, cx, inputClass } from "@/components/ui";
import { RANGE_KEYS, RANGES, type RangeKey } from "@/lib/ops/range";

/** Server-side pieces of the operator pages: range tabs, search bar, pager, stat tiles, status badges. */

export function RangeTabs({ base, current, extra = {} }: { base: string; current: RangeKey; extra?: Record<string, string> }) {
  return (
    <div role="group" aria-label="时间范围" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
      {RANGE_KEYS.map((k) => (
        <Link
          key={k}
          href={`${base}?${new URLSearchParams({ ...extra, range: k })}`}
          aria-current={k === current ? "true" : undefined}
          className={cx("whitespace-nowrap rounded px-2.5 py-1 text-sm sm:px-3", k === current ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100")}
        >
          {RANGES[k].label}
        </Link>
      ))}
    </div>
  );
}

export function SearchBar({ action, q, placeholder, children }: { action: string; q: string; placeholder: string; children?: ReactNode }) {
  return (
    <form action={action} method="get" role="search" className="mb-4 flex flex-wrap items-center gap-2">
      <input name="q" defaultValue={q} placeholder={placeholder} aria-label={placeholder} className={cx(inputClass, "w-full sm:w-72")} />
      {children}
      <Button type="submit" variant="secondary">
        查询
      </Button>
    </form>
  );
}

export function Pager({ base, page, pages, params = {} }: { base: string; page: number; pages: number; params?: Record<string, string> }) {
  if (pages <= 1) return null;
  const href = (p: number) => `${base}?${new URLSearchParams({ ...params, page: String(p) })}`;
  return (
    <nav aria-label="分页" className="mt-4 flex items-center justify-end gap-2 text-sm text-slate-600">
      {page > 1 ? <Link className="rounded border border-slate-300 px-3 py-1 hover:border-brand-500" href={href(page - 1)}>上一页</Link> : null}
      <span>
        第 {page} / {pages} 页
      </span>
      {page < pages ? <Link className="rounded border border-slate-300 px-3 py-1 hover:border-brand-500" href={href(page + 1)}>下一页</Link> : null}
    </nav>
  );
}

export function Stat({ label, value, hint, tone }: { label: string; value: ReactNode; hint?: ReactNode; tone?: "red" | "amber" }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-sm text-slate-500">{label}</p>
      <p className={cx("mt-1 text-2xl font-semibold tabular-nums", tone === "red" ? "text-red-600" : tone === "amber" ? "text-amber-700" : "text-slate-900")}>
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

export function StatGrid({ children }: { children: ReactNode }) {
  return <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">{children}</div>;
}

export function AppStatusBadge({ status, deleted }: { status: "active" | "disabled"; deleted?: boolean }) {
  if (deleted) return <Badge tone="slate">已删除</Badge>;
  return status === "active" ? <Badge tone="green">正常</Badge> : <Badge tone="red">已停用</Badge>;
}

export function OrderStatusBadge({ status }: { status: string }) {
  const tone = status === "已完成" ? "green" : status === "待支付" ? "amber" : "slate";
  return <Badge tone={tone}>{status}</Badge>;
}

export function HeldBadge({ state }: { state: "unused" | "used" | "expired" }) {
  return state === "unused" ? <Badge tone="green">未使用</Badge> : state === "used" ? <Badge tone="blue">已使用</Badge> : <Badge tone="slate">已过期</Badge>;
}

export const pct = (v: number | null) => (v === null ? "—" : `${v}%`);
export const ms = (v: number | null) => (v === null ? "—" : `${v} ms`);
