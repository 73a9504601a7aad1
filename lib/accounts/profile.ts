import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { ok, type Result } from "@/lib/result";
import { fail } from "@/lib/console/errors";

export const profileSchema = z.object({
  name: z.string().trim().min(1, "请输入名称").max(40, "名称不能超过 40 个字符"),
  phone: z
    .string()
    .trim()
    .refine((s) => s === "" || /^1\d{10}$/.test(s), "请输入 11 位手机号码，或留空")
    .default(""),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export async function updateProfile(db: DbOrTx, userId: string, input: ProfileInput): Promise<Result<true, "account_not_found">> {
  const [u] = await db
    .update(users)
    .set({ name: input.name, phone: input.phone, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return u ? ok(true) : fail("account_not_found");
}
