/** How a job's state follows from its counts, and when its results expire. */
import type { DbOrTx } from "@/db";
import type { JobState } from "@/db/schema";
import { retentionDays } from "./limits";

export const ACTIVE_STATES: readonly JobState[] = ["排队中", "处理中"];

/** 已完成 when every image succeeded, 部分失败 otherwise. */
export function finalState(failed: number): JobState {
  return failed === 0 ? "已完成" : "部分失败";
}

export async function retentionUntil(db: DbOrTx, now: Date): Promise<Date> {
  return new Date(now.getTime() + (await retentionDays(db)) * 86_400_000);
}
