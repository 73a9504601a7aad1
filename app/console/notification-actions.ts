"use server";

import { revalidatePath } from "next/cache";
import { auth } from "@/auth";
import { getDb } from "@/db";
import { markNotificationsRead } from "@/lib/alerts/notifications";

/** 全部标为已读 in the console's notification list (the signed-in account's alerts only). */
export async function markAllNotificationsReadAction(): Promise<void> {
  const session = await auth();
  if (!session?.user?.id) return;
  await markNotificationsRead(await getDb(), session.user.id, "all");
  revalidatePath("/console", "layout");
}
