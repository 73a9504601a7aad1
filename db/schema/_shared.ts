import { timestamp } from "drizzle-orm/pg-core";

/** Every time is a UTC timestamptz; pages show it in Asia/Shanghai. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => ts("created_at").notNull().defaultNow();
export const updatedAt = () => ts("updated_at").notNull().defaultNow();

/** The API columns' values are the catalogue's kinds (relative import: drizzle-kit loads this file). */
export { API_KINDS, type ApiKind as ApiKindColumn } from "../../lib/catalogue/apis";
