import { defineButtons } from "../../buttons/codec.js";

/** Consent: agree or decline a text; from /profile withdraw, then confirm or keep it. */
export const consentButtons = defineButtons("cs", 2);
export const agreeButton = consentButtons.action("agree", {});
export const declineButton = consentButtons.action("decline", {});
export const withdrawButton = consentButtons.action("withdraw", {});
export const confirmWithdrawalButton = consentButtons.action("confirm", {});
export const keepButton = consentButtons.action("keep", {});
