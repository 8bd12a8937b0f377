import { z } from "zod";
import { CITIZEN_KINDS } from "../../../core/citizens/profile.js";
import { LANGUAGES } from "../../../core/shared/roles.js";
import { defineCallback } from "../../callback-data.js";

/** Sign-up buttons: `su1:lang:kk`, `su1:consent:yes`, `su1:kind:legal`, `su1:back:-`. */
export const signupButton = defineCallback(
  "su1",
  z.enum(["lang", "consent", "kind", "back"]),
  z.union([z.enum(LANGUAGES), z.enum(["yes", "no"]), z.enum(CITIZEN_KINDS), z.literal("-")]),
);
