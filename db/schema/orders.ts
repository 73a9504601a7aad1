import { index, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { API_KINDS, createdAt, ts, updatedAt } from "./_shared";
import { users } from "./accounts";
import { apps } from "./apps";

export const ORDER_STATUSES = ["待支付", "已完成", "已取消"] as const;

export const orders = pgTable(
  "orders",
  {
    /** 20 digits: creation time to the millisecond (Asia/Shanghai) + 3 random digits */
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    appId: text("app_id").notNull().references(() => apps.id),
    api: text("api", { enum: API_KINDS }).notNull(),
    productType: text("product_type").notNull().default("包周期新购"),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("待支付"),
    totalFen: integer("total_fen").notNull(),
    voucherId: text("voucher_id"),
    couponId: text("coupon_id"),
    voucherFen: integer("voucher_fen").notNull().default(0),
    couponFen: integer("coupon_fen").notNull().default(0),
    balanceFen: integer("balance_fen").notNull().default(0),
    cardFen: integer("card_fen").notNull().default(0),
    paidAt: ts("paid_at"),
    cancelledAt: ts("cancelled_at"),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("orders_user_created").on(t.userId, t.createdAt), index("orders_status_created").on(t.status, t.createdAt)],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: serial("id").primaryKey(),
    orderId: text("order_id").notNull().references(() => orders.id),
    tier: integer("tier").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceFen: integer("unit_price_fen").notNull(),
    amountFen: integer("amount_fen").notNull(),
    betaEndsAt: ts("beta_ends_at"),
  },
  (t) => [index("order_lines_order").on(t.orderId)],
);

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
