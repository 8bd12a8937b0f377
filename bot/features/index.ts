import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { intake } from "./citizen/intake.js";
import { menu } from "./citizen/menu.js";
import { myAppeals } from "./citizen/my-appeals.js";
import { profile } from "./citizen/profile.js";
import { signup } from "./citizen/signup.js";
import { cancel } from "./common/cancel.js";
import { fallback } from "./common/fallback.js";
import { help } from "./common/help.js";
import { language } from "./common/language.js";
import { control } from "./control/index.js";
import { citizenReception } from "./reception/citizen.js";
import { receptionDesk } from "./reception/desk.js";
import { approvals } from "./staff/approvals.js";
import { staffJoin } from "./staff/join.js";
import { openAppealsList } from "./staff/open-appeals.js";
import { registryQueue } from "./staff/registry-queue.js";

/** Every feature, in the order they get a chance at an update; the fallback is last. */
export const features = new Composer<BotContext>(cancel, staffJoin, approvals, registryQueue, control, receptionDesk, openAppealsList, myAppeals, citizenReception, signup, profile, intake, menu, language, help, fallback);
