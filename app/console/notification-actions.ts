"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, type ActionState } from "@/app/_server/session";
import { markNotificationsRead } from "@/lib/alerts/notifications";

/** 全部标为已读 in the console's notification list (the signed-in account's alerts only). */
export const markAllNotificationsReadAction = authedAction(z.object({}), async (_input, { db, user }): Promise<ActionState> => {
  const n = await markNotificationsRead(db, user.id, "all");
  revalidatePath("/console", "layout");
  revalidatePath("/ops", "layout");
  return { status: "ok", message: n > 0 ? `已将 ${n} 条通知标为已读` : "没有未读通知" };
});
