import { ConsoleActionsProvider } from "@/components/console-actions";
import { ConsoleShell } from "@/components/console-shell";
import { EmailVerifyBanner } from "@/components/email-verify-banner";
import { requireUser } from "@/app/_server/session";
import { shellProps } from "@/app/_server/shell";
import { resendVerificationAction } from "./account/actions";
import { consoleActions } from "./console-actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { db, user } = await requireUser();
  return (
    <ConsoleShell {...await shellProps(db, user)}>
      {!user.emailVerifiedAt && <EmailVerifyBanner email={user.email} action={resendVerificationAction} />}
      <ConsoleActionsProvider actions={consoleActions}>{children}</ConsoleActionsProvider>
    </ConsoleShell>
  );
}
