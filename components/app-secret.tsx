"use client";

import { useActionState, useState } from "react";
import { useConsoleActions } from "./console-actions";
import type { ActionState } from "@/lib/action-state";
import { CopyButton } from "./copy-button";
import { Dialog, DialogFooter } from "./dialog";
import { Alert, Button, Field, Input } from "./ui";

type Reveal = ActionState<{ secret: string }>;
type Rotate = ActionState<{ secret: string; previousValidUntil: string }>;

/** AppKey in the open; AppSecret hidden until the account password is re-entered; 重置 AppSecret with a grace period. */
export function AppKeys({ appId, appKey, graceHours }: { appId: string; appKey: string; graceHours: number }) {
  const [shown, setShown] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [rotating, setRotating] = useState(false);
  return (
    <div className="space-y-4 text-sm">
      <div className="grid gap-2 sm:grid-cols-[7rem_1fr] sm:items-center">
        <span className="text-slate-500">AppKey</span>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <code className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs" data-testid="app-key">
            {appKey}
          </code>
          <CopyButton text={appKey} label="复制 AppKey" />
        </div>
      </div>
      <div className="grid gap-2 sm:grid-cols-[7rem_1fr] sm:items-center">
        <span className="text-slate-500">AppSecret</span>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          {shown ? (
            <>
              <code className="break-all rounded bg-amber-50 px-2 py-1 font-mono text-xs" data-testid="app-secret">
                {shown}
              </code>
              <CopyButton text={shown} label="复制 AppSecret" />
              <Button type="button" variant="ghost" className="h-7 px-2.5 text-xs" onClick={() => setShown(null)}>
                隐藏
              </Button>
            </>
          ) : (
            <>
              <code className="rounded bg-slate-100 px-2 py-1 font-mono text-xs tracking-widest text-slate-500" aria-label="已隐藏">
                ••••••••••••••••
              </code>
              <Button type="button" variant="secondary" className="h-7 px-2.5 text-xs" onClick={() => setAsking(true)}>
                查看 AppSecret
              </Button>
            </>
          )}
          <Button type="button" variant="ghost" className="h-7 px-2.5 text-xs" onClick={() => setRotating(true)}>
            重置 AppSecret
          </Button>
        </div>
      </div>
      <p className="text-xs leading-5 text-slate-500">
        AppSecret 用于计算请求签名 Sign，请妥善保管，不要写在前端代码或公开仓库中。如怀疑泄露，请重置：旧密钥在 {graceHours} 小时内仍可使用，便于您更新部署。
      </p>
      <Dialog open={asking} onClose={() => setAsking(false)} title="验证登录密码">
        {asking && (
          <RevealForm
            appId={appId}
            onCancel={() => setAsking(false)}
            onDone={(s) => {
              setShown(s);
              setAsking(false);
            }}
          />
        )}
      </Dialog>
      <Dialog open={rotating} onClose={() => setRotating(false)} title="重置 AppSecret">
        {rotating && (
          <RotateForm
            appId={appId}
            graceHours={graceHours}
            onClose={(s) => {
              if (s) setShown(s);
              setRotating(false);
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

function PasswordField({ error }: { error?: string }) {
  return (
    <Field label="登录密码" htmlFor="confirm-password" required error={error}>
      <Input id="confirm-password" name="password" type="password" autoComplete="current-password" autoFocus aria-invalid={!!error} />
    </Field>
  );
}

function RevealForm({ appId, onCancel, onDone }: { appId: string; onCancel: () => void; onDone: (secret: string) => void }) {
  const { revealSecret } = useConsoleActions();
  const [state, action, pending] = useActionState(async (prev: Reveal, form: FormData) => {
    const res = await revealSecret(prev, form);
    if (res.status === "ok" && res.data) onDone(res.data.secret);
    return res;
  }, { status: "idle" } as Reveal);
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="appId" value={appId} />
      <p className="text-sm text-slate-600">为保护您的密钥，查看 AppSecret 前请再次输入登录密码。</p>
      {state.status === "error" && !fe.password && <Alert>{state.message}</Alert>}
      <PasswordField error={fe.password} />
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel}>
          取消
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "验证中…" : "验证并查看"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function RotateForm({ appId, graceHours, onClose }: { appId: string; graceHours: number; onClose: (secret?: string) => void }) {
  const [state, action, pending] = useActionState(useConsoleActions().rotateSecret, { status: "idle" } as Rotate);
  const fe = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  if (state.status === "ok" && state.data) {
    const { secret } = state.data;
    return (
      <div className="space-y-4 text-sm">
        <Alert tone="green">{state.message}</Alert>
        <div className="flex flex-wrap items-center gap-2">
          <code className="break-all rounded bg-amber-50 px-2 py-1 font-mono text-xs" data-testid="new-app-secret">
            {secret}
          </code>
          <CopyButton text={secret} label="复制新 AppSecret" />
        </div>
        <DialogFooter>
          <Button type="button" onClick={() => onClose(secret)}>
            完成
          </Button>
        </DialogFooter>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="appId" value={appId} />
      <div className="space-y-2 text-sm leading-6 text-slate-600">
        <p>将生成新的 AppSecret。旧的 AppSecret 在 {graceHours} 小时内仍可签名，之后调用会被拒绝（4014 签名校验失败）。</p>
        <p>请在此期间把新密钥更新到您的服务中。</p>
      </div>
      {state.status === "error" && !fe.password && <Alert>{state.message}</Alert>}
      <PasswordField error={fe.password} />
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={() => onClose()}>
          取消
        </Button>
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "重置中…" : "确认重置"}
        </Button>
      </DialogFooter>
    </form>
  );
}
