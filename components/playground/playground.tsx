"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ApiKindColumn } from "@/db/schema";
import { API_LABELS, PLAYGROUND_APIS, SAMPLE_IMAGES, type CallOutcome } from "@/lib/playground/apis";
import { parseGatewayBody, type ImageOutcome } from "@/lib/playground/results";
import { bytesToBase64, checkCount, checkFileSize, checkImageBytes, coded, LIMITS, type ImageCheck } from "@/lib/playground/validate";
import { Alert, Badge, Button, Card, cx, inputClass } from "../ui";
import { CodeSamples } from "./code-samples";
import { FolderJob } from "./folder-job";
import { ImageList } from "./image-list";
import { ResultView } from "./result-view";

export interface PlaygroundApp {
  id: string;
  name: string;
  active: boolean;
  remaining: Record<ApiKindColumn, number>;
}

export interface Item {
  id: string;
  name: string;
  bytes: number;
  url: string;
  b64: string | null;
  check: ImageCheck;
  outcome?: ImageOutcome;
}

export interface LastCall {
  api: ApiKindColumn;
  outcome: CallOutcome;
  /** whole-request failure (code ≠ 0) */
  error: { code: number; message: string } | null;
  roundTripMs: number;
}

let seq = 0;

async function readItem(file: File | Blob, name: string): Promise<Item> {
  const url = URL.createObjectURL(file);
  const id = `img-${++seq}`;
  const tooBig = checkFileSize(file.size);
  if (tooBig) return { id, name, bytes: file.size, url, b64: null, check: { ok: false, ...tooBig } };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = checkImageBytes(bytes);
  return { id, name, bytes: file.size, url, b64: check.ok ? bytesToBase64(bytes) : null, check };
}

/** 在线调试: choose an application and an API, add images, 识别 through the real signed API. */
export function Playground({ apps, initialAppId }: { apps: PlaygroundApp[]; initialAppId: string }) {
  const [appId, setAppId] = useState(initialAppId);
  const [api, setApi] = useState<ApiKindColumn>("general");
  const [items, setItems] = useState<Item[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [last, setLast] = useState<LastCall | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [remaining, setRemaining] = useState<Record<string, Record<ApiKindColumn, number>>>(() =>
    Object.fromEntries(apps.map((a) => [a.id, a.remaining])),
  );
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const app = apps.find((a) => a.id === appId) ?? apps[0]!;
  const left = remaining[app.id]?.[api] ?? 0;

  const resetResults = useCallback(() => {
    setLast(null);
    setFailure(null);
    setItems((xs) => xs.map((x) => ({ ...x, outcome: undefined })));
  }, []);

  const addFiles = useCallback(async (files: { blob: Blob; name: string }[]) => {
    if (files.length === 0) return;
    const room = LIMITS.maxImages - itemsRef.current.length;
    const taken = files.slice(0, Math.max(0, room));
    const over = coded(4006);
    setNotice(files.length > taken.length ? `${over.code} ${over.message}：已忽略多出的 ${files.length - taken.length} 张` : null);
    const read = await Promise.all(taken.map((f) => readItem(f.blob, f.name)));
    setItems((xs) => [...xs, ...read].slice(0, LIMITS.maxImages));
    if (read[0]) setSelected(read[0].id);
  }, []);

  // paste anywhere on the page
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length === 0) return;
      e.preventDefault();
      void addFiles(files.map((f, i) => ({ blob: f, name: f.name || `粘贴的图片 ${i + 1}` })));
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, [addFiles]);

  // free object URLs when the page goes away
  useEffect(() => () => itemsRef.current.forEach((x) => URL.revokeObjectURL(x.url)), []);

  const addSample = async (id: string, label: string) => {
    setFailure(null);
    const res = await fetch(`/api/console/playground/sample/${api}/${id}`);
    if (!res.ok) {
      setFailure("示例图片加载失败，请重试");
      return;
    }
    await addFiles([{ blob: await res.blob(), name: `${label}.png` }]);
  };

  const remove = (id: string) => {
    setItems((xs) => {
      const gone = xs.find((x) => x.id === id);
      if (gone) URL.revokeObjectURL(gone.url);
      return xs.filter((x) => x.id !== id);
    });
    if (selected === id) setSelected(null);
  };

  const clear = () => {
    items.forEach((x) => URL.revokeObjectURL(x.url));
    setItems([]);
    setSelected(null);
    setLast(null);
    setNotice(null);
    setFailure(null);
  };

  const valid = items.filter((x) => x.check.ok && x.b64);

  const recognise = async () => {
    const sent = valid;
    const countError = checkCount(sent.length);
    if (countError) {
      setFailure(`${countError.code} ${countError.message}`);
      return;
    }
    setPending(true);
    setFailure(null);
    setItems((xs) => xs.map((x) => ({ ...x, outcome: undefined })));
    const t0 = performance.now();
    try {
      const res = await fetch("/api/console/playground", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ appId: app.id, api, images: sent.map((x) => x.b64) }),
      });
      const roundTripMs = Math.round(performance.now() - t0);
      const json: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const msg = json && typeof json === "object" && "message" in json ? String((json as { message: unknown }).message) : `请求失败（HTTP ${res.status}）`;
        setFailure(msg);
        return;
      }
      const outcome = json as CallOutcome;
      const parsed = parseGatewayBody(outcome.body, sent.length);
      if (outcome.quotaRemaining !== null) {
        setRemaining((r) => ({ ...r, [app.id]: { ...r[app.id]!, [api]: outcome.quotaRemaining! } }));
      }
      if (parsed.kind === "batch") {
        const byId = new Map(sent.map((x, i) => [x.id, parsed.images[i]!]));
        setItems((xs) => xs.map((x) => (byId.has(x.id) ? { ...x, outcome: byId.get(x.id) } : x)));
        if (!selected || !byId.has(selected)) setSelected(sent[0]!.id);
      }
      setLast({ api, outcome, error: parsed.kind === "error" ? { code: parsed.code, message: parsed.message } : null, roundTripMs });
    } catch {
      setFailure("网络异常，请重试");
    } finally {
      setPending(false);
    }
  };

  const shown = useMemo(() => items.find((x) => x.id === selected) ?? items.find((x) => x.outcome) ?? items[0] ?? null, [items, selected]);

  return (
    <div className="space-y-6">
      <Card>
        <div className="grid gap-4 md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)] md:items-end">
          <div className="space-y-1.5">
            <label htmlFor="pg-app" className="block text-sm font-medium text-slate-700">
              应用
            </label>
            <select
              id="pg-app"
              className={inputClass}
              value={app.id}
              onChange={(e) => {
                setAppId(e.target.value);
                resetResults();
              }}
            >
              {apps.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.active ? "" : "（已停用）"}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="space-y-1.5">
            <legend className="mb-1.5 block text-sm font-medium text-slate-700">接口</legend>
            <div className="flex flex-wrap gap-2" role="radiogroup" aria-label="接口">
              {PLAYGROUND_APIS.map((k) => (
                <label
                  key={k}
                  className={cx(
                    "inline-flex h-9 cursor-pointer items-center rounded-md border px-3 text-sm",
                    api === k ? "border-brand-500 bg-brand-50 font-medium text-brand-700" : "border-slate-300 bg-white text-slate-700 hover:border-brand-500",
                  )}
                >
                  <input
                    type="radio"
                    name="pg-api"
                    value={k}
                    checked={api === k}
                    onChange={() => {
                      setApi(k);
                      resetResults();
                    }}
                    className="sr-only"
                  />
                  {API_LABELS[k]}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <span className="text-slate-600">
            剩余调用次数：
            <strong className="font-semibold text-slate-900" data-testid="quota-remaining">
              {left.toLocaleString("zh-CN")}
            </strong>
          </span>
          {left === 0 && <Badge tone="amber">无可用次数，调用将返回 4019</Badge>}
          {!app.active && <Badge tone="red">应用已停用，调用将返回 4017</Badge>}
        </div>
        <p className="mt-3 text-xs leading-5 text-slate-500">
          在线调试调用的是真实接口：服务端用该应用的 AppSecret 计算签名后请求开放接口（密钥不会发送到浏览器），与您的程序调用一样校验签名、按成功识别的图片扣减调用次数，并计入调用记录与应用监控。
        </p>
      </Card>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <Card
          title="图片"
          actions={
            items.length > 0 && (
              <Button type="button" variant="ghost" className="h-8 px-2.5" onClick={clear}>
                清空
              </Button>
            )
          }
        >
          <div
            data-testid="drop-zone"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              void addFiles(Array.from(e.dataTransfer.files).map((f) => ({ blob: f, name: f.name })));
            }}
            className={cx(
              "flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm",
              dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50",
            )}
          >
            <p className="text-slate-700">拖入图片、粘贴截图，或</p>
            <Button type="button" variant="secondary" onClick={() => fileInput.current?.click()}>
              选择图片
            </Button>
            <input
              ref={fileInput}
              type="file"
              multiple
              accept=".png,.jpg,.jpeg,.bmp,image/png,image/jpeg,image/bmp"
              className="sr-only"
              aria-label="选择图片文件"
              data-testid="file-input"
              onChange={(e) => {
                const files = Array.from(e.target.files ?? []);
                e.target.value = "";
                void addFiles(files.map((f) => ({ blob: f, name: f.name })));
              }}
            />
            <p className="text-xs leading-5 text-slate-500">
              png / jpg / jpeg / bmp（按文件内容判断），单张 ≤ 10MB，宽高 32–5000 像素，每次最多 {LIMITS.maxImages} 张
            </p>
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-500">示例图片：</span>
            {SAMPLE_IMAGES[api].map((s) => (
              <Button key={s.id} type="button" variant="secondary" className="h-7 px-2.5 text-xs" onClick={() => void addSample(s.id, s.label)}>
                {s.label}
              </Button>
            ))}
          </div>
          {notice && (
            <div className="mt-3">
              <Alert tone="amber">{notice}</Alert>
            </div>
          )}
          <ImageList items={items} selected={shown?.id ?? null} onSelect={setSelected} onRemove={remove} />
          <div className="mt-4 flex items-center gap-3">
            <Button type="button" onClick={() => void recognise()} disabled={pending || valid.length === 0} className="flex-1">
              {pending ? "识别中…" : valid.length > 1 ? `识别 ${valid.length} 张` : "识别"}
            </Button>
          </div>
          {failure && (
            <div className="mt-3">
              <Alert>{failure}</Alert>
            </div>
          )}
        </Card>

        <ResultView item={shown} last={last} />
      </div>

      <FolderJob key={`${app.id}-${api}`} appId={app.id} api={api} />

      <CodeSamples appId={app.id} api={api} />
    </div>
  );
}
