import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import { MIGRATIONS_DIR, dbKind, getDb } from "./index";

/** Applies the committed drizzle migrations to whichever database this process uses. */
export async function migrate(): Promise<void> {
  const db = await getDb();
  if ((await dbKind()) === "postgres") {
    await migratePg(db, { migrationsFolder: MIGRATIONS_DIR });
  } else {
    const { migrate: migrateLite } = await import("drizzle-orm/pglite/migrator");
    await migrateLite(db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}
