"use client";

import { useState } from "react";
import type { GeneralResult, IdcardResult, PlateResult } from "@/lib/engine/types";
import { displayJson, polygonPoints } from "@/lib/playground/results";
import { CopyButton } from "../copy-button";
import { Alert, Badge, Card, EmptyState, Table, Td, cx } from "../ui";
import type { Item, LastCall } from "./playground";

const PLATE_COLOURS: Record<string, string> = { 蓝牌: "#2563eb", 黄牌: "#d97706", 绿牌: "#16a34a", 白牌: "#64748b", 黑牌: "#111827" };

interface Shape {
  points: string;
  label: string;
  colour: string;
  x: number;
  y: number;
}

function Overlay({ src, shapes, active, onHover }: { src: string; shapes: Shape[]; active: number | null; onHover: (i: number | null) => void }) {
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const fs = size ? Math.max(12, Math.round(Math.min(size.w, size.h) / 28)) : 12;
  return (
    <div className="relative inline-block max-w-full overflow-hidden rounded border border-slate-200 bg-slate-100">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={src} alt="识别的图片" className="block h-auto max-h-[32rem] max-w-full" onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} />
      {size && (
        <svg
          className="absolute inset-0 h-full w-full"
          viewBox={`0 0 ${size.w} ${size.h}`}
          preserveAspectRatio="none"
          data-testid="result-boxes"
          aria-hidden
        >
          {shapes.map((s, i) => (
            <g key={i} onMouseEnter={() => onHover(i)} onMouseLeave={() => onHover(null)}>
              <polygon
                points={s.points}
                fill={s.colour}
                fillOpacity={active === i ? 0.25 : 0.08}
                stroke={s.colour}
                strokeWidth={Math.max(2, fs / 6)}
                vectorEffect="non-scaling-stroke"
                data-testid="result-box"
              />
              {s.label && (
                <text x={s.x} y={Math.max(fs, s.y - fs * 0.3)} fontSize={fs} fill="#fff" stroke={s.colour} strokeWidth={fs / 4} paintOrder="stroke" fontWeight={600}>
                  {s.label}
                </text>
              )}
            </g>
          ))}
        </svg>
      )}
    </div>
  );
}

function GeneralView({ item, r }: { item: Item; r: GeneralResult }) {
  const [active, setActive] = useState<number | null>(null);
  const shapes: Shape[] = r.detail.map((d) => ({ points: polygonPoints(d.box), label: d.name, colour: "#2563eb", x: d.box[0], y: d.box[1] }));
  return (
    <div className="space-y-4">
      <Overlay src={item.url} shapes={shapes} active={active} onHover={setActive} />
      <Table head={["序号", "文字", "置信度", "坐标（左上 x,y）"]} caption="识别到的文本行">
        {r.detail.length === 0 ? (
          <tr>
            <Td colSpan={4} className="text-slate-500">
              未识别到文字
            </Td>
          </tr>
        ) : (
          r.detail.map((d, i) => (
            <tr key={i} className={cx(active === i && "bg-brand-50")} onMouseEnter={() => setActive(i)} onMouseLeave={() => setActive(null)}>
              <Td>{d.name}</Td>
              <Td className="w-full whitespace-normal font-medium text-slate-900 [overflow-wrap:anywhere]">
                <span data-testid="result-text">{d.text}</span>
              </Td>
              <Td>{d.confidence !== undefined ? d.confidence.toFixed(3) : "—"}</Td>
              <Td className="font-mono text-xs">
                <span data-testid="result-coord">
                  {Math.round(d.box[0])},{Math.round(d.box[1])}
                </span>
              </Td>
            </tr>
          ))
        )}
      </Table>
    </div>
  );
}

function PlateView({ item, r }: { item: Item; r: PlateResult }) {
  const [active, setActive] = useState<number | null>(null);
  const shapes: Shape[] = r.detail.map((d) => ({
    points: polygonPoints(d.box),
    label: `${d.plate_type} ${d.plate_license}`,
    colour: PLATE_COLOURS[d.plate_type] ?? "#2563eb",
    x: d.box[0][0],
    y: d.box[0][1],
  }));
  return (
    <div className="space-y-4">
      <Overlay src={item.url} shapes={shapes} active={active} onHover={setActive} />
      <Table head={["车牌号码", "车牌类型", "置信度"]} caption="识别到的车牌">
        {r.detail.length === 0 ? (
          <tr>
            <Td colSpan={3} className="text-slate-500">
              未识别到车牌
            </Td>
          </tr>
        ) : (
          r.detail.map((d, i) => (
            <tr key={i} className={cx(active === i && "bg-brand-50")} onMouseEnter={() => setActive(i)} onMouseLeave={() => setActive(null)}>
              <Td className="font-mono text-base font-semibold text-slate-900">
                <span data-testid="plate-number">{d.plate_license}</span>
              </Td>
              <Td>{d.plate_type}</Td>
              <Td>{d.confidence.toFixed(3)}</Td>
            </tr>
          ))
        )}
      </Table>
    </div>
  );
}

const ID_FIELDS: [keyof IdcardResult["detail"], string][] = [
  ["name", "姓名"],
  ["sex", "性别"],
  ["nation", "民族"],
  ["birthday", "出生日期"],
  ["idn", "身份证号"],
  ["addr", "住址"],
  ["org", "签发机关"],
  ["validperiod", "有效期限"],
];

function IdcardView({ item, r }: { item: Item; r: IdcardResult }) {
  const hasFace = r.idcard_face && r.idcard_face !== "no face";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start gap-4">
        <Overlay src={item.url} shapes={[]} active={null} onHover={() => undefined} />
        <figure className="space-y-1 text-center text-xs text-slate-500">
          {hasFace ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={`data:image/jpeg;base64,${r.idcard_face}`} alt="人像裁剪" className="h-32 rounded border border-slate-200" data-testid="idcard-face" />
          ) : (
            <span className="grid h-32 w-24 place-items-center rounded border border-dashed border-slate-300">无人像</span>
          )}
          <figcaption>idcard_face</figcaption>
        </figure>
      </div>
      <div className="flex flex-wrap gap-2">
        <Badge tone="blue">{r.note === "back" ? "人像面 (back)" : "国徽面 (front)"}</Badge>
        <Badge tone={r.risk === "normal" ? "green" : "amber"}>{r.risk === "normal" ? "原件 normal" : r.risk === "copy" ? "复印件 copy" : "翻拍 screen"}</Badge>
        {r.warnings?.map((w) => (
          <Badge key={w} tone="amber">
            {w}
          </Badge>
        ))}
      </div>
      <Table head={["字段", "内容"]} caption="身份证字段">
        {ID_FIELDS.filter(([k]) => (r.note === "back" ? !["org", "validperiod"].includes(k) : ["org", "validperiod"].includes(k))).map(([k, label]) => (
          <tr key={k}>
            <Td className="text-slate-500">
              {label} <span className="font-mono text-xs text-slate-400">{k}</span>
            </Td>
            <Td className="whitespace-normal font-medium text-slate-900">
              <span data-testid={`idcard-${k}`}>{r.detail[k] || "—"}</span>
            </Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

function Body({ item, api, requestFailed }: { item: Item; api: LastCall["api"]; requestFailed: boolean }) {
  const o = item.outcome;
  if (!o) {
    return (
      <div className="space-y-3">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        {item.check.ok && <img src={item.url} alt="待识别的图片" className="max-h-[24rem] max-w-full rounded border border-slate-200" />}
        {!item.check.ok ? (
          <p className="text-sm text-red-600">
            <span className="font-mono font-semibold">{item.check.code}</span> {item.check.message}（未发送）
          </p>
        ) : (
          !requestFailed && <p className="text-sm text-slate-500">点击“识别”查看结果。</p>
        )}
      </div>
    );
  }
  if (!o.ok) {
    return (
      <Alert>
        <span className="font-mono font-semibold">{o.code}</span> {o.message}
      </Alert>
    );
  }
  if (api === "general") return <GeneralView item={item} r={o.result as GeneralResult} />;
  if (api === "plate") return <PlateView item={item} r={o.result as PlateResult} />;
  return <IdcardView item={item} r={o.result as IdcardResult} />;
}

/** 识别结果: the image with boxes, a table, latency and request id, and the raw JSON with a copy button. */
export function ResultView({ item, last }: { item: Item | null; last: LastCall | null }) {
  const raw = last ? JSON.stringify(last.outcome.body, null, 2) : "";
  return (
    <div className="min-w-0 space-y-6">
      <Card title="识别结果">
        {last && (
          <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-2 rounded-md bg-slate-50 px-4 py-3 text-sm sm:grid-cols-[auto_auto_auto_minmax(0,1fr)]" data-testid="call-meta">
            <div>
              <dt className="text-xs text-slate-500">HTTP 状态</dt>
              <dd className="font-medium text-slate-900">{last.outcome.httpStatus}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">接口耗时</dt>
              <dd className="font-medium text-slate-900" data-testid="latency">
                {last.outcome.latencyMs} ms
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">往返耗时</dt>
              <dd className="font-medium text-slate-900">{last.roundTripMs} ms</dd>
            </div>
            <div className="col-span-2 min-w-0 sm:col-span-1">
              <dt className="text-xs text-slate-500">X-Request-Id</dt>
              <dd className="break-all font-mono text-xs text-slate-900" data-testid="request-id">
                {last.outcome.requestId ?? "—"}
              </dd>
            </div>
          </dl>
        )}
        {last?.error && (
          <div className="mb-4">
            <Alert>
              <span className="font-mono font-semibold">{last.error.code}</span> {last.error.message}
            </Alert>
          </div>
        )}
        {item ? (
          <div>
            <p className="mb-3 truncate text-sm font-medium text-slate-700">{item.name}</p>
            <Body item={item} api={last?.api ?? "general"} requestFailed={!!last?.error} />
          </div>
        ) : (
          <EmptyState title="还没有图片" description="添加图片或点选示例图片，然后点击“识别”。" />
        )}
      </Card>
      {last && (
        <Card title="返回 JSON" actions={<CopyButton text={raw} label="复制 JSON" />}>
          <pre className="max-h-96 overflow-auto rounded-md bg-slate-900 p-4 text-xs leading-5 text-slate-100" data-testid="raw-json">
            {displayJson(last.outcome.body)}
          </pre>
          <p className="mt-2 text-xs text-slate-500">为便于阅读，过长的字段（如人像 Base64）在此处截短显示；“复制 JSON”复制完整内容。</p>
        </Card>
      )}
    </div>
  );
}
