import { ConsoleActionsProvider } from "@/components/console-actions";
import { ConsoleShell } from "@/components/console-shell";
import { EmailVerifyBanner } from "@/components/email-verify-banner";
import { requireUser } from "@/app/_server/session";
import { countOpenAlerts } from "@/lib/alerts/count";
import { resendVerificationAction } from "./account/actions";
import { consoleActions } from "./console-actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { db, user } = await requireUser();
  const openAlerts = await countOpenAlerts(db, user.id);
  return (
    <ConsoleShell user={{ email: user.email, name: user.name, role: user.role, verified: !!user.verifiedAt }} openAlerts={openAlerts}>
      {!user.emailVerifiedAt && <EmailVerifyBanner email={user.email} action={resendVerificationAction} />}
      <ConsoleActionsProvider actions={consoleActions}>{children}</ConsoleActionsProvider>
    </ConsoleShell>
  );
}
