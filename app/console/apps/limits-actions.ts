"use server";

import { revalidatePath } from "next/cache";
import { authedAction, type ActionState } from "@/app/_server/session";
import { errorState } from "@/lib/console/errors";
import { limitsFormSchema, updateAppLimits } from "@/lib/apps/limits";

export const updateLimitsAction = authedAction(limitsFormSchema, async (input, { db, user }): Promise<ActionState> => {
  const res = await updateAppLimits(db, user.id, input);
  if (!res.ok) return errorState(res);
  revalidatePath(`/console/apps/${input.appId}`);
  return { status: "ok", message: "调用限制已保存，下一次调用起生效" };
});
