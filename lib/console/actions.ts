import type { FormAction } from "@/lib/action-state";

/** What 新建应用 answers with: enough to show the new app and its 下一步. */
export interface CreatedAppView {
  id: string;
  name: string;
  appKey: string;
}

export interface RevealedSecret {
  secret: string;
}

export interface RotatedSecret {
  secret: string;
  /** ISO time until which the previous AppSecret still signs */
  previousValidUntil: string;
}

export interface CreatedAccessKey {
  ak: string;
  sk: string;
}

export interface IdcardPhotoReading {
  realName: string;
  idNumber: string;
  idNumberOk: boolean;
}

/**
 * The console's server actions as the UI sees them: each one a form action
 * (useActionState's signature) with the data it answers with. app/console
 * implements them ("use server" files) and hands them to the UI once, in its
 * layout; components take them from there and never import app/.
 */
export interface ConsoleActions {
  createApp: FormAction<CreatedAppView>;
  claimFree: FormAction;
  revealSecret: FormAction<RevealedSecret>;
  rotateSecret: FormAction<RotatedSecret>;
  updateLimits: FormAction;
  createOrder: FormAction;
  payOrder: FormAction;
  updateProfile: FormAction;
  changePassword: FormAction;
  verify: FormAction;
  readIdcardPhoto: FormAction<IdcardPhotoReading>;
  createAccessKey: FormAction<CreatedAccessKey>;
  disableAccessKey: FormAction;
  enableAccessKey: FormAction;
  deleteAccessKey: FormAction;
}
