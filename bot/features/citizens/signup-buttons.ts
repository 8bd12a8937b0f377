import { CITIZEN_KINDS } from "../../../core/citizens/profile.js";
import { LANGUAGES } from "../../../core/shared/roles.js";
import { defineButtons, field } from "../../buttons/codec.js";

/**
 * Sign-up buttons, each drawn for one version of the question so a press on an older one is
 * stale: `su2:lang:kk:3`, `su2:consent:yes:4`, `su2:kind:legal:5`. Back is the flow's own.
 */
export const signupButtons = defineButtons("su", 2);
export const languageChoice = signupButtons.action("lang", { language: field.choice(...LANGUAGES), version: field.version });
export const consentChoice = signupButtons.action("consent", { answer: field.choice("yes", "no"), version: field.version });
export const kindChoice = signupButtons.action("kind", { kind: field.choice(...CITIZEN_KINDS), version: field.version });
