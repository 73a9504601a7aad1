import { bigint, boolean, index, pgTable, serial, text } from "drizzle-orm/pg-core";
import { createdAt, ts, updatedAt } from "./_shared";

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  name: text("name").notNull().default(""),
  phone: text("phone").notNull().default(""),
  role: text("role", { enum: ["customer", "operator"] }).notNull().default("customer"),
  /** account balance in fen (分) */
  balanceFen: bigint("balance_fen", { mode: "number" }).notNull().default(0),
  realName: text("real_name"),
  /** ID number masked for display (110***********1234); the full number is not kept */
  idNumberMasked: text("id_number_masked"),
  /** sha-256 of the ID number, to spot reuse without storing it */
  idNumberHash: text("id_number_hash"),
  verifiedAt: ts("verified_at"),
  disabled: boolean("disabled").notNull().default(false),
  webhookUrl: text("webhook_url"),
  webhookSecretEnc: text("webhook_secret_enc"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Failed sign-ins, by account email or client address, for slowing down guessing. */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: serial("id").primaryKey(),
    key: text("key").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("login_failures_key_at").on(t.key, t.at)],
);

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: updatedAt(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
