"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compact, fullTime, tickLabel } from "./format";

export interface BurnSeries {
  key: string;
  label: string;
  points: { t: number; left: number }[];
  /** [now, left] → [usedUpAt, 0] when a forecast exists and falls inside the horizon */
  forecast: { t: number; left: number }[];
}

const PALETTE = ["#1764e8", "#059669", "#d97706"];

/** Calls left per API over the last 30 days, with the forecast dashed. */
export function BurndownChart({ series }: { series: BurnSeries[] }) {
  const byT = new Map<number, Record<string, number>>();
  for (const s of series) {
    for (const p of s.points) byT.set(p.t, { ...(byT.get(p.t) ?? { t: p.t }), [s.key]: p.left });
    for (const p of s.forecast) byT.set(p.t, { ...(byT.get(p.t) ?? { t: p.t }), [`${s.key}_f`]: p.left });
  }
  const data = [...byT.values()].sort((a, b) => a.t! - b.t!);
  const axis = { fontSize: 12, fill: "#64748b" };
  return (
    <div data-testid="chart-burndown" className="h-64 w-full min-w-0">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 12, left: -4, bottom: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tick={axis} tickFormatter={(t: number) => tickLabel(t, 86_400_000)} tickLine={false} />
          <YAxis tick={axis} tickFormatter={compact} width={52} tickLine={false} axisLine={false} />
          <Tooltip labelFormatter={(t) => fullTime(Number(t))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Line key={s.key} dataKey={s.key} name={`${s.label} 剩余`} stroke={PALETTE[i % PALETTE.length]} dot={false} strokeWidth={2} connectNulls isAnimationActive={false} />
          ))}
          {series
            .filter((s) => s.forecast.length > 0)
            .map((s) => (
              <Line
                key={`${s.key}_f`}
                dataKey={`${s.key}_f`}
                name={`${s.label} 预测`}
                stroke={PALETTE[series.indexOf(s) % PALETTE.length]}
                strokeDasharray="5 4"
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
