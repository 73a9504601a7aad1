import { index, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { createdAt, ts } from "./_shared";
import { users } from "./accounts";

/** 代金券: a fixed amount off one order. */
export const vouchers = pgTable(
  "vouchers",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    amountFen: integer("amount_fen").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedOrderId: text("used_order_id"),
    usedAt: ts("used_at"),
    issuedBy: text("issued_by"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("vouchers_user").on(t.userId)],
);

/** 优惠券: an amount off above a threshold, or a percentage off. */
export const coupons = pgTable(
  "coupons",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    kind: text("kind", { enum: ["amount", "percent"] }).notNull(),
    thresholdFen: integer("threshold_fen").notNull().default(0),
    amountOffFen: integer("amount_off_fen").notNull().default(0),
    percentOff: integer("percent_off").notNull().default(0),
    expiresAt: ts("expires_at").notNull(),
    usedOrderId: text("used_order_id"),
    usedAt: ts("used_at"),
    issuedBy: text("issued_by"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("coupons_user").on(t.userId)],
);

/** Every change of an account balance, with the balance after it. */
export const balanceLedger = pgTable(
  "balance_ledger",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    deltaFen: integer("delta_fen").notNull(),
    balanceAfterFen: integer("balance_after_fen").notNull(),
    kind: text("kind", { enum: ["topup", "payment", "credit", "refund", "seed"] }).notNull(),
    orderId: text("order_id"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("balance_ledger_user").on(t.userId, t.createdAt)],
);

/** Stripe webhook events already applied (idempotency). */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: createdAt(),
});

export const checkoutSessions = pgTable("checkout_sessions", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id),
  purpose: text("purpose", { enum: ["order", "topup"] }).notNull(),
  orderId: text("order_id"),
  amountFen: integer("amount_fen").notNull(),
  status: text("status", { enum: ["open", "completed", "expired"] }).notNull().default("open"),
  createdAt: createdAt(),
  completedAt: ts("completed_at"),
});

export type Voucher = typeof vouchers.$inferSelect;
export type Coupon = typeof coupons.$inferSelect;

export const TRANSFER_STATUSES = ["待确认", "已到账", "已拒绝"] as const;

/** 线下汇款: a customer says they transferred money; an operator confirms it (credited once) or refuses it. */
export const transferRequests = pgTable(
  "transfer_requests",
  {
    /** trf_… */
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    amountFen: integer("amount_fen").notNull(),
    payerName: text("payer_name").notNull(),
    reference: text("reference").notNull(),
    status: text("status", { enum: TRANSFER_STATUSES }).notNull().default("待确认"),
    decidedBy: text("decided_by"),
    decidedAt: ts("decided_at"),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("transfer_requests_user").on(t.userId, t.createdAt), index("transfer_requests_status").on(t.status, t.createdAt)],
);

/**
 * One row per operator money form that was applied: each form carries a fresh token, so a
 * second submission of the same form (a double click, a retried request) changes nothing.
 */
export const formTokens = pgTable("form_tokens", {
  token: text("token").primaryKey(),
  actorId: text("actor_id").notNull(),
  action: text("action").notNull(),
  createdAt: createdAt(),
});

export type TransferRequest = typeof transferRequests.$inferSelect;
