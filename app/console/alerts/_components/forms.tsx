"use client";

import { useActionState } from "react";
import type { ActionState } from "@/app/_server/session";
import { Alert, Button, cx, Input } from "@/components/ui";
import { acknowledgeAction, acknowledgeAllAction, setWebhookAction, testWebhookAction, updateRuleAction } from "../actions";

const idle = { status: "idle" } as ActionState;

/** One rule row's editor: enable switch, threshold and 保存. */
export function RuleForm({ ruleId, enabled, threshold, unit, fixed }: { ruleId: string; enabled: boolean; threshold: number; unit: string; fixed: boolean }) {
  const [state, action, pending] = useActionState(updateRuleAction, idle);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="ruleId" value={ruleId} />
      <label className="inline-flex items-center gap-1.5 text-sm text-slate-700">
        <input type="checkbox" name="enabled" defaultChecked={enabled} className="h-4 w-4 accent-brand-600" />
        启用
      </label>
      {fixed ? (
        <input type="hidden" name="threshold" value="0" />
      ) : (
        <span className="inline-flex items-center gap-1">
          <Input name="threshold" type="number" min={0} defaultValue={threshold} aria-label="阈值" aria-invalid={state.status === "error"} style={{ width: "6.5rem" }} />
          <span className="w-5 text-xs text-slate-500">{unit}</span>
        </span>
      )}
      <Button type="submit" variant="secondary" className="h-8 px-3" disabled={pending}>
        保存
      </Button>
      {state.status !== "idle" && (
        <span role="status" className={cx("text-xs", state.status === "ok" ? "text-emerald-700" : "text-red-600")}>
          {state.message}
        </span>
      )}
    </form>
  );
}

export function AckButton({ eventId }: { eventId: string }) {
  const [state, action, pending] = useActionState(acknowledgeAction, idle);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="eventId" value={eventId} />
      <Button type="submit" variant="ghost" className="-ml-2 mt-1 h-7 px-2" disabled={pending || state.status === "ok"}>
        标为已处理
      </Button>
    </form>
  );
}

export function AckAllButton() {
  const [, action, pending] = useActionState(acknowledgeAllAction, idle);
  return (
    <form action={action}>
      <Button type="submit" variant="secondary" disabled={pending}>
        全部标为已处理
      </Button>
    </form>
  );
}

export function WebhookForm({ url, hasSecret }: { url: string; hasSecret: boolean }) {
  const [state, action, pending] = useActionState(setWebhookAction, idle as ActionState<{ secret: string | null }>);
  const [testState, testAction, testing] = useActionState(testWebhookAction, idle);
  const secret = state.status === "ok" ? state.data?.secret : null;
  return (
    <div className="min-w-0 space-y-3">
      <form action={action} className="space-y-3">
        <label htmlFor="webhook-url" className="block text-sm font-medium text-slate-700">
          Webhook 地址（HTTPS）
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input id="webhook-url" name="url" type="url" defaultValue={url} placeholder="https://example.com/ocr-alerts" aria-invalid={state.status === "error"} />
          <Button type="submit" disabled={pending}>
            保存
          </Button>
        </div>
        {hasSecret && (
          <label className="inline-flex items-center gap-1.5 text-sm text-slate-600">
            <input type="checkbox" name="rotate" value="1" className="h-4 w-4 accent-brand-600" />
            同时重新生成签名密钥（旧密钥立即失效）
          </label>
        )}
      </form>
      {state.status === "error" && <Alert>{state.message}</Alert>}
      {state.status === "ok" && (
        <Alert tone="green">
          {state.message}
          {secret && (
            <span className="mt-2 block">
              签名密钥（只显示这一次，请妥善保存）：<code className="break-all rounded bg-white px-1.5 py-0.5 font-mono text-xs text-slate-800">{secret}</code>
            </span>
          )}
        </Alert>
      )}
      {url && (
        <form action={testAction} className="flex items-center gap-3">
          <Button type="submit" variant="secondary" disabled={testing}>
            发送测试通知
          </Button>
          {testState.status !== "idle" && <span className={cx("text-sm", testState.status === "ok" ? "text-emerald-700" : "text-red-600")}>{testState.message}</span>}
        </form>
      )}
    </div>
  );
}
