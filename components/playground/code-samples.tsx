"use client";

import { useActionState, useEffect, useState } from "react";
import type { ApiKindColumn } from "@/db/schema";
import { useConsoleActions } from "../console-actions";
import type { ActionState } from "@/lib/action-state";
import { renderSamples, SAMPLE_LANGS, type SampleLang, type SignedSample } from "@/lib/playground/samples";
import { CopyButton } from "../copy-button";
import { Dialog, DialogFooter } from "../dialog";
import { Alert, Button, Card, Field, Input, Skeleton, cx } from "../ui";

type Reveal = ActionState<{ secret: string }>;

async function fetchSample(appId: string, api: ApiKindColumn): Promise<{ sample: SignedSample | null; error: string | null }> {
  try {
    const res = await fetch("/api/console/playground/code", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appId, api }),
    });
    const json: unknown = await res.json();
    if (!res.ok) return { sample: null, error: (json as { message?: string }).message ?? "代码示例生成失败" };
    return { sample: json as SignedSample, error: null };
  } catch {
    return { sample: null, error: "代码示例生成失败，请重试" };
  }
}

/** curl / Python / Node.js for the same call: real URL, a Sign computed on the server for a fresh Timestamp, AppSecret masked. */
export function CodeSamples({ appId, api }: { appId: string; api: ApiKindColumn }) {
  const [nonce, setNonce] = useState(0);
  const [loaded, setLoaded] = useState<{ key: string; sample: SignedSample | null; error: string | null } | null>(null);
  const [lang, setLang] = useState<SampleLang>("curl");
  const [secret, setSecret] = useState<{ appId: string; value: string } | null>(null);
  const [asking, setAsking] = useState(false);
  const key = `${appId}/${api}/${nonce}`;

  useEffect(() => {
    let live = true;
    void fetchSample(appId, api).then((r) => {
      if (live) setLoaded({ key, ...r });
    });
    return () => {
      live = false;
    };
  }, [appId, api, key]);

  const current = loaded?.key === key ? loaded : null;
  const sample = current?.sample ?? null;
  const error = current?.error ?? null;
  const loading = !current;

  const shownSecret = secret?.appId === appId ? secret.value : null;
  const code = sample ? renderSamples(sample, shownSecret)[lang] : null;

  return (
    <Card
      title="代码示例"
      actions={
        <>
          <Button type="button" variant="ghost" className="h-8 px-2.5" onClick={() => setNonce((n) => n + 1)} disabled={loading}>
            重新签名
          </Button>
          {shownSecret ? (
            <Button type="button" variant="ghost" className="h-8 px-2.5" onClick={() => setSecret(null)}>
              隐藏 AppSecret
            </Button>
          ) : (
            <Button type="button" variant="secondary" className="h-8 px-2.5" onClick={() => setAsking(true)}>
              查看 AppSecret
            </Button>
          )}
        </>
      }
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <div role="tablist" aria-label="语言" className="inline-flex rounded-md border border-slate-200 bg-slate-50 p-0.5">
          {SAMPLE_LANGS.map((l) => (
            <button
              key={l.id}
              type="button"
              role="tab"
              aria-selected={lang === l.id}
              onClick={() => setLang(l.id)}
              className={cx("rounded px-3 py-1 text-sm", lang === l.id ? "bg-white font-medium text-brand-700 shadow-sm" : "text-slate-600 hover:text-slate-900")}
            >
              {l.label}
            </button>
          ))}
        </div>
        {code && <CopyButton text={code} label="复制代码" />}
      </div>
      {error && <Alert>{error}</Alert>}
      {code ? (
        <pre className="max-h-[28rem] overflow-auto rounded-md bg-slate-900 p-4 text-xs leading-5 text-slate-100" data-testid="code-sample">
          {code}
        </pre>
      ) : (
        !error && <Skeleton className="h-64" />
      )}
      <p className="mt-2 text-xs leading-5 text-slate-500">
        示例中的 Timestamp 与 Sign 由服务端为当前时间计算，5 分钟内有效且只能使用一次；请求体用一张 32×32 的白色 PNG 占位，Sign 覆盖的正是示例中的请求体。AppSecret 默认隐藏，验证登录密码后才会显示。
      </p>
      <Dialog open={asking} onClose={() => setAsking(false)} title="验证登录密码">
        {asking && (
          <RevealForm
            appId={appId}
            onCancel={() => setAsking(false)}
            onDone={(value) => {
              setSecret({ appId, value });
              setAsking(false);
            }}
          />
        )}
      </Dialog>
    </Card>
  );
}

function RevealForm({ appId, onCancel, onDone }: { appId: string; onCancel: () => void; onDone: (secret: string) => void }) {
  const [state, action, pending] = useActionState(useConsoleActions().revealSecret, { status: "idle" } as Reveal);
  useEffect(() => {
    if (state.status === "ok" && state.data) onDone(state.data.secret);
  }, [state, onDone]);
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="appId" value={appId} />
      <p className="text-sm text-slate-600">为保护您的密钥，在代码示例中显示 AppSecret 前请再次输入登录密码。</p>
      {state.status === "error" && !fe.password && <Alert>{state.message}</Alert>}
      <Field label="登录密码" htmlFor="pg-password" required error={fe.password}>
        <Input id="pg-password" name="password" type="password" autoComplete="current-password" autoFocus aria-invalid={!!fe.password} />
      </Field>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel}>
          取消
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "验证中…" : "验证并显示"}
        </Button>
      </DialogFooter>
    </form>
  );
}
