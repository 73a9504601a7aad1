"use client";

import { useActionState } from "react";
import { useConsoleActions } from "./console-actions";
import type { ActionState } from "@/lib/action-state";
import { Button } from "./ui";

/** 领取免费额度 for one API of an application; the row re-renders without the button once claimed. */
export function ClaimFreeButton({ appId, api, calls }: { appId: string; api: string; calls: number }) {
  const [state, action, pending] = useActionState(useConsoleActions().claimFree, { status: "idle" } as ActionState);
  return (
    <form action={action} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="appId" value={appId} />
      <input type="hidden" name="api" value={api} />
      <Button type="submit" variant="ghost" className="h-8 px-2.5" disabled={pending} title={`领取 ${calls} 次免费调用，有效期一年`}>
        {pending ? "领取中…" : "领取免费额度"}
      </Button>
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-600">
          {state.message}
        </span>
      )}
    </form>
  );
}
