import { bigint, boolean, index, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
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
  /** the highest QPS an owner may give one of this account's applications (operator-set) */
  qpsCeiling: integer("qps_ceiling").notNull().default(10),
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

/**
 * Account-level AccessKeys for the EOP signature (lib/gateway/eop.ts): the AK is public,
 * the SK is AES-GCM encrypted like the AppSecret and shown once at creation. At most two
 * per account (lib/accounts/access-keys.ts).
 */
export const accessKeys = pgTable(
  "access_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    ak: text("ak").notNull().unique(),
    skEnc: text("sk_enc").notNull(),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [index("access_keys_user").on(t.userId)],
);

export type AccessKey = typeof accessKeys.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
