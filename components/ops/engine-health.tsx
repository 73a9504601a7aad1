"use client";

import { useEffect, useState } from "react";
import type { EngineStats } from "@/lib/engine/types";

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
    { label: "引擎类型", value: h.kind === "embedded" ? "内嵌" : "远程", warn: false },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-2" aria-live="polite">
      {items.map((it) => (
        <div key={it.label} className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">{it.label}</dt>
          <dd className={it.warn ? "text-lg font-semibold tabular-nums text-amber-700" : "text-lg font-semibold tabular-nums text-slate-900"}>{it.value}</dd>
        </div>
      ))}
    </dl>
  );
}
