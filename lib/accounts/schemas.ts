import { titled } from "@/lib/legal/documents";
import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "请输入有效的邮箱地址" }));

export const passwordSchema = z
  .string()
  .min(8, "密码至少 8 位")
  .max(128, "密码不能超过 128 位");

export const registerSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().max(40, "名称不能超过 40 个字符").default(""),
});
export type RegisterInput = z.infer<typeof registerSchema> & {
  /** the agreements' version accepted at sign-up (lib/legal/documents.ts), recorded with the time */
  termsVersion?: string;
};

/** The sign-up form: the account, the repeated password and the consent box (ticked = "on"). */
export const registerFormSchema = registerSchema
  .extend({
    confirm: z.string({ error: "请再次输入密码" }),
    agree: z.literal("on", { error: `请阅读并勾选同意${titled("terms")}和${titled("privacy")}` }),
  })
  .refine((v) => v.password === v.confirm, { message: "两次输入的密码不一致", path: ["confirm"] });

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "请输入密码").max(128),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "请输入当前密码"),
    next: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { message: "两次输入的新密码不一致", path: ["confirm"] });
