import { z } from "zod";
import { API_KINDS } from "@/db/schema";
import { TIERS } from "@/lib/catalogue/apis";

export const MAX_QTY = 99;

const tierSchema = z.coerce
  .number()
  .int()
  .refine((t) => (TIERS as readonly number[]).includes(t), "无效的规格");

export const cartLineSchema = z.object({
  tier: tierSchema,
  quantity: z.coerce.number().int("购买数量须为整数").min(1, "购买数量至少为 1").max(MAX_QTY, `购买数量最多为 ${MAX_QTY}`),
});

export type CartItem = z.infer<typeof cartLineSchema>;

/** "1000:1,100000:1" → [{tier:1000,quantity:1},{tier:100000,quantity:1}]; zero quantities dropped, tiers merged. */
export function parseCartQuery(q: string | null | undefined): CartItem[] {
  const byTier = new Map<number, number>();
  for (const part of (q ?? "").split(",")) {
    const [t, n] = part.split(":");
    const parsed = cartLineSchema.safeParse({ tier: t, quantity: n });
    if (!parsed.success) continue;
    byTier.set(parsed.data.tier, Math.min(MAX_QTY, (byTier.get(parsed.data.tier) ?? 0) + parsed.data.quantity));
  }
  return (TIERS as readonly number[]).filter((t) => byTier.has(t)).map((tier) => ({ tier, quantity: byTier.get(tier)! }));
}

/** The inverse of parseCartQuery, in tier order. */
export function cartQuery(items: CartItem[]): string {
  return items
    .filter((i) => i.quantity > 0)
    .sort((a, b) => a.tier - b.tier)
    .map((i) => `${i.tier}:${i.quantity}`)
    .join(",");
}

/** The 立即购买 form: application, API and the cart from 选择配置. */
export const createOrderSchema = z.object({
  appId: z.string().min(1),
  api: z.enum(API_KINDS),
  q: z
    .string()
    .transform((q) => parseCartQuery(q))
    .refine((items) => items.length > 0, "请至少选择一个资源包"),
  agree: z.literal("on", { error: "请先阅读并同意相关协议" }),
});

export type CreateOrderInput = { appId: string; api: (typeof API_KINDS)[number]; items: CartItem[] };

export const ORDER_FILTERS = ["全部", "待支付", "已完成", "已取消"] as const;
export const listOrdersSchema = z.object({
  status: z.enum(ORDER_FILTERS).catch("全部"),
  q: z
    .string()
    .trim()
    .max(20)
    .regex(/^\d*$/)
    .catch(""),
  page: z.coerce.number().int().min(1).catch(1),
});
