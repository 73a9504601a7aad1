import { z } from "zod";

/** 应用名称: 4–15 characters (counted as characters, so 15 Chinese characters are fine), trimmed. */
export const appNameSchema = z
  .string({ message: "请输入应用名称" })
  .trim()
  .refine((s) => [...s].length >= 4, "应用名称长度为 4-15 个字符")
  .refine((s) => [...s].length <= 15, "应用名称长度为 4-15 个字符");

export const appDescriptionSchema = z
  .string()
  .trim()
  .refine((s) => [...s].length <= 200, "应用概述不能超过 200 个字符")
  .default("");

export const createAppSchema = z.object({
  name: appNameSchema,
  description: appDescriptionSchema,
});
export type CreateAppInput = z.infer<typeof createAppSchema>;
