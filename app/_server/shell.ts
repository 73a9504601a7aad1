import "server-only";
import type { Db } from "@/db";
import type { User } from "@/db/schema";
import { countOpenAlerts } from "@/lib/alerts/count";
import { LEVEL_LABEL } from "@/lib/alerts/kinds";
import { listNotifications } from "@/lib/alerts/notifications";
import { cny, shTime } from "@/lib/format";
import { markAllNotificationsReadAction } from "@/app/console/notification-actions";

/** What the console frame (ConsoleShell) shows of the signed-in account: menu, badge and notifications. */
export async function shellProps(db: Db, user: User) {
  const [openAlerts, notes] = await Promise.all([countOpenAlerts(db, user.id), listNotifications(db, user.id)]);
  return {
    user: { email: user.email, name: user.name, role: user.role, verified: !!user.verifiedAt, balance: cny(user.balanceFen) },
    openAlerts,
    notifications: {
      unread: notes.unread,
      items: notes.items.map((n) => ({ id: n.id, appName: n.appName, level: n.level, levelLabel: LEVEL_LABEL[n.level], message: n.message, time: shTime(n.openedAt), read: n.read })),
      markAllRead: markAllNotificationsReadAction,
    },
  };
}
