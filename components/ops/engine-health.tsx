"use client";

import { useEffect, useState } from "react";
import type { EngineStats, EngineWorkerStats } from "@/lib/engine/types";

type Health = EngineStats | { error: string };

/** 引擎健康: queue depth, busy refusals and throughput, refreshed from /ops/api/stats every 5 s. */
export function EngineHealth({ initial }: { initial: Health }) {
  const [h, setH] = useState<Health>(initial);
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const res = await fetch("/ops/api/stats", { cache: "no-store" });
        if (res.ok && !stop) setH(((await res.json()) as { engine: Health }).engine);
      } catch {
        /* keep the last reading */
      }
    };
    const t = setInterval(tick, 5000);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, []);
  if ("error" in h) return <p className="text-sm text-red-600">引擎不可用：{h.error}</p>;
  const items = [
    { label: "排队图片", value: h.queueDepth, warn: h.queueDepth > h.concurrency * 4 },
    { label: "处理中", value: `${h.running} / ${h.concurrency}`, warn: false },
    { label: "繁忙拒绝（累计）", value: h.busyRefusals, warn: h.busyRefusals > 0 },
    { label: "每秒图片（近 1 分钟）", value: h.imagesPerSecond.toFixed(2), warn: false },
    { label: "已处理图片", value: h.imagesDone, warn: false },
    { label: "引擎类型", value: KIND_LABELS[h.kind], warn: false },
  ];
  return (
    <div className="space-y-3">
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-2" aria-live="polite">
      {items.map((it) => (
        <div key={it.label} className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">{it.label}</dt>
          <dd className={it.warn ? "text-lg font-semibold tabular-nums text-amber-700" : "text-lg font-semibold tabular-nums text-slate-900"}>{it.value}</dd>
        </div>
      ))}
    </dl>
    {h.workers && <WorkerTable workers={h.workers} />}
    </div>
  );
}

const KIND_LABELS: Record<EngineStats["kind"], string> = { embedded: "内嵌", remote: "远程", nats: "引擎池（NATS）" };

const timeFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** One row per engine-pool worker, as its heartbeats describe it. */
function WorkerTable({ workers }: { workers: EngineWorkerStats[] }) {
  if (workers.length === 0) return <p className="text-sm text-amber-700">引擎池中没有在线的工作节点：识别请求将返回 5001。</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">引擎池工作节点</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-normal">主机</th>
            <th className="py-1 pr-3 font-normal">并发</th>
            <th className="py-1 pr-3 font-normal">排队</th>
            <th className="py-1 pr-3 font-normal">每秒图片</th>
            <th className="py-1 font-normal">最近心跳</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {workers.map((w) => (
            <tr key={w.id} className={w.stale ? "text-slate-400" : "text-slate-900"} title={w.id}>
              <td className="py-1 pr-3">{w.host}</td>
              <td className="py-1 pr-3">
                {w.running} / {w.concurrency}
              </td>
              <td className="py-1 pr-3">{w.queueDepth}</td>
              <td className="py-1 pr-3">{w.imagesPerSecond.toFixed(2)}</td>
              <td className="py-1">
                {timeFmt.format(new Date(w.lastSeen))}
                {w.stale ? "（失联）" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
