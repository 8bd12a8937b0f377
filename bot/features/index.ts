import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { flowRouter } from "../flows/router.js";
import { intake } from "./citizen/intake.js";
import { menu } from "./citizen/menu.js";
import { myAppeals } from "./citizen/my-appeals.js";
import { profile } from "./citizen/profile.js";
import { signup } from "./citizen/signup.js";
import { cancel } from "./common/cancel.js";
import { fallback } from "./common/fallback.js";
import { help } from "./common/help.js";
import { language } from "./common/language.js";
import { listSearch } from "./common/list-search.js";
import { control } from "./control/index.js";
import { citizenReception } from "./reception/citizen.js";
import { receptionDesk } from "./reception/desk.js";
import { receptionSchedules } from "./reception/schedules.js";
import { approvals } from "./appeals/approvals.js";
import { byPostList } from "./appeals/by-post.js";
import { digestSetting } from "./staff/digest-setting.js";
import { staffJoin } from "./staff/join.js";
import { adminMenu } from "./staff/admin-menu.js";
import { appealCard } from "./appeals/appeal-card.js";
import { drafting } from "./appeals/drafting.js";
import { extensions } from "./appeals/extensions.js";
import { registrarQueue } from "./appeals/registrar-queue.js";

/** Every feature, in the order they get a chance at an update; long lists' search first, the fallback last. */
export const features = new Composer<BotContext>(listSearch, cancel, flowRouter, staffJoin, approvals, registrarQueue, control, receptionDesk, receptionSchedules, byPostList, drafting, extensions, appealCard, adminMenu, digestSetting, myAppeals, citizenReception, signup, profile, intake, menu, language, help, fallback);
