import type { ConsoleActions } from "@/lib/console/actions";
import { createAccessKeyAction, deleteAccessKeyAction, disableAccessKeyAction, enableAccessKeyAction } from "./account/access-key-actions";
import { changePasswordAction, readIdcardPhotoAction, updateProfileAction, verifyAction } from "./account/actions";
import { claimFreeAction, createAppAction, revealSecretAction, rotateSecretAction } from "./apps/actions";
import { updateLimitsAction } from "./apps/limits-actions";
import { createOrderAction, payOrderAction } from "./orders/actions";

/** The implementation of the UI's contract (lib/console/actions.ts); `satisfies` keeps the two in step. */
export const consoleActions = {
  createApp: createAppAction,
  claimFree: claimFreeAction,
  revealSecret: revealSecretAction,
  rotateSecret: rotateSecretAction,
  updateLimits: updateLimitsAction,
  createOrder: createOrderAction,
  payOrder: payOrderAction,
  updateProfile: updateProfileAction,
  changePassword: changePasswordAction,
  verify: verifyAction,
  readIdcardPhoto: readIdcardPhotoAction,
  createAccessKey: createAccessKeyAction,
  disableAccessKey: disableAccessKeyAction,
  enableAccessKey: enableAccessKeyAction,
  deleteAccessKey: deleteAccessKeyAction,
} satisfies ConsoleActions;
