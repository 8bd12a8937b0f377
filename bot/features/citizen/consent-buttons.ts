import { z } from "zod";
import { defineCallback } from "../../callback-data.js";

/** Consent buttons: `cs1:agree:-`, `cs1:decline:-`; from /profile `cs1:withdraw:-`, then `cs1:confirm:-` or `cs1:keep:-`. */
export const consentButton = defineCallback("cs1", z.enum(["agree", "decline", "withdraw", "confirm", "keep"]), z.literal("-"));
