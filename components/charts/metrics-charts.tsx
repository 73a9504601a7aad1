"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { bytes, bytesTick } from "@/lib/format";
import { hasValues, withGaps } from "@/lib/monitoring/chart-data";
import type { MetricsPoint } from "@/lib/monitoring/series";
import { compact, fullTime, tickLabel } from "./format";

const COLORS = { ok: "#1764e8", failed: "#dc2626", p50: "#0891b2", p95: "#d97706", in: "#1764e8", out: "#059669" };
const axis = { fontSize: 12, fill: "#64748b" };

function Frame({ title, testId, wide, empty, children }: { title: string; testId: string; wide?: boolean; empty: boolean; children: React.ReactElement }) {
  return (
    <figure data-testid={testId} className={`min-w-0 ${wide ? "xl:col-span-2" : ""} rounded-lg border border-slate-200 bg-white p-4 shadow-sm`}>
      <figcaption className="mb-3 text-sm font-medium text-slate-700">{title}</figcaption>
      <div className="h-56 w-full">
        {empty ? (
          <p className="flex h-full items-center justify-center rounded-md bg-slate-50 text-sm text-slate-400">暂无数据</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}

/** 请求次数 (stacked success/failure), 响应时间 (p50/p95) and 请求流量 (in/out) for one range. */
export function MetricsCharts({ points: raw, bucketMs }: { points: MetricsPoint[]; bucketMs: number }) {
  const points = withGaps(raw);
  const x = (
    <XAxis dataKey="t" type="category" tick={axis} tickFormatter={(t: number) => tickLabel(t, bucketMs)} minTickGap={24} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
  );
  const grid = <CartesianGrid stroke="#f1f5f9" vertical={false} />;
  const label = (t: unknown) => fullTime(Number(t));
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Frame title="请求次数" testId="chart-calls" empty={!hasValues(points, ["calls"], { positive: true })}>
        <BarChart data={points} margin={{ top: 4, right: 8, left: -8, bottom: 0 }}>
          {grid}
          {x}
          <YAxis tick={axis} allowDecimals={false} tickFormatter={compact} width={48} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={label} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="ok" name="成功" stackId="c" fill={COLORS.ok} isAnimationActive={false} />
          <Bar dataKey="failed" name="失败" stackId="c" fill={COLORS.failed} isAnimationActive={false} />
        </BarChart>
      </Frame>
      <Frame title="响应时间（ms）" testId="chart-latency" empty={!hasValues(points, ["p50", "p95"])}>
        <LineChart data={points} margin={{ top: 4, right: 8, left: -8, bottom: 0 }}>
          {grid}
          {x}
          <YAxis tick={axis} tickFormatter={compact} width={48} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={label} formatter={(v) => (v == null ? "—" : `${v} ms`)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="p50" name="p50" stroke={COLORS.p50} dot={{ r: 2 }} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
          <Line dataKey="p95" name="p95" stroke={COLORS.p95} dot={{ r: 2 }} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </Frame>
      <Frame title="请求流量" testId="chart-traffic" wide empty={!hasValues(points, ["bytesIn", "bytesOut"])}>
        <AreaChart data={points} margin={{ top: 4, right: 8, left: 0, bottom: 0 }}>
          {grid}
          {x}
          <YAxis tick={axis} tickFormatter={bytesTick} width={56} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={label} formatter={(v) => (v == null ? "—" : bytes(Number(v)))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area dataKey="bytesIn" name="入流量" stroke={COLORS.in} fill={COLORS.in} fillOpacity={0.15} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          <Area dataKey="bytesOut" name="出流量" stroke={COLORS.out} fill={COLORS.out} fillOpacity={0.15} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        </AreaChart>
      </Frame>
    </div>
  );
}
