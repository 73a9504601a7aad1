import { timestamp } from "drizzle-orm/pg-core";

/** Every time is a UTC timestamptz; pages show it in Asia/Shanghai. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => ts("created_at").notNull().defaultNow();
export const updatedAt = () => ts("updated_at").notNull().defaultNow();

export const API_KINDS = ["general", "idcard", "plate"] as const;
export type ApiKindColumn = (typeof API_KINDS)[number];
