"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { APIS, API_KINDS } from "@/lib/catalogue/apis";
import { hasValues } from "@/lib/monitoring/chart-data";
import type { RevenuePoint, UsagePoint } from "@/lib/ops/reports";

/**
 * Operator charts (recharts). Operator-side copies until components/charts/ from monitoring lands.
 * Each chart has a text summary for screen readers beside it (aria-label on the figure).
 */

const axis = { fontSize: 12, fill: "#64748b" };

function Frame({ label, empty, children }: { label: string; empty: boolean; children: React.ReactElement }) {
  return (
    <figure aria-label={label} className="h-64 w-full min-w-0">
      {empty ? (
        <p className="flex h-full items-center justify-center rounded-md bg-slate-50 text-sm text-slate-400">暂无数据</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      )}
    </figure>
  );
}

export function CallsByApiChart({ points }: { points: UsagePoint[] }) {
  return (
    <Frame label="各 API 调用量" empty={!hasValues(points, ["calls"], { positive: true })}>
      <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={axis} minTickGap={24} />
        <YAxis tick={axis} allowDecimals={false} width={48} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {API_KINDS.map((k) => (
          <Area key={k} type="monotone" dataKey={k} name={APIS[k].label} stackId="1" stroke={APIS[k].color} fill={APIS[k].color} fillOpacity={0.25} isAnimationActive={false} />
        ))}
      </AreaChart>
    </Frame>
  );
}

/** Few points with data: draw dots, or a lone bucket would show nothing. */
const dotFor = (values: (number | null)[]) => (values.filter((v) => v !== null).length < 12 ? { r: 3 } : false);

export function ErrorRateChart({ points }: { points: UsagePoint[] }) {
  return (
    <Frame label="错误率" empty={!hasValues(points, ["errorRate"])}>
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={axis} minTickGap={24} />
        <YAxis tick={axis} unit="%" width={48} domain={[0, "auto"]} />
        <Tooltip formatter={(v) => (v == null ? "—" : `${v}%`)} />
        <Line type="monotone" dataKey="errorRate" name="错误率" stroke="#dc2626" dot={dotFor(points.map((p) => p.errorRate))} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </Frame>
  );
}

export function LatencyChart({ points }: { points: UsagePoint[] }) {
  return (
    <Frame label="p95 延迟" empty={!hasValues(points, ["p95Ms"])}>
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={axis} minTickGap={24} />
        <YAxis tick={axis} unit="ms" width={56} domain={[0, "auto"]} />
        <Tooltip formatter={(v) => (v == null ? "—" : `${v} ms`)} />
        <Line type="monotone" dataKey="p95Ms" name="p95 延迟" stroke="#7c3aed" dot={dotFor(points.map((p) => p.p95Ms))} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </Frame>
  );
}

export function RevenueChart({ points }: { points: RevenuePoint[] }) {
  const data = points.map((p) => ({ ...p, yuan: p.revenueFen / 100 }));
  return (
    <Frame label="收入" empty={!hasValues(points, ["revenueFen"], { positive: true })}>
      <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="label" tick={axis} minTickGap={24} />
        <YAxis tick={axis} width={64} tickFormatter={(v: number) => `¥${v}`} />
        <Tooltip formatter={(v) => `¥${Number(v).toFixed(2)}`} />
        <Bar dataKey="yuan" name="实收" fill="#2563eb" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}
