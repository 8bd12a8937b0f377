import { defineButtons, field } from "../../buttons/codec.js";

/** Officials' schedules, the schedule edit's Back among them. */
export const scheduleButtons = defineButtons("os", 2);
/** The officials; a new one; an official's schedule; direct booking turned on or off; hours or a day away to type; an exception undone. */
export const officialsButton = scheduleButtons.action("list", {});
export const addOfficialButton = scheduleButtons.action("add", {});
export const openScheduleButton = scheduleButtons.action("open", { official: field.id });
export const directButton = scheduleButtons.action("direct", { official: field.id });
export const hoursButton = scheduleButtons.action("hours", { official: field.id });
export const dayOffButton = scheduleButtons.action("day_off", { official: field.id });
export const undoDayButton = scheduleButtons.action("undo", { official: field.id, date: field.date });
