export * from "./people.js";
export * from "./flows.js";
export * from "./calendar.js";
export * from "./files.js";
export * from "./appeals.js";
export * from "./outbox.js";
export * from "./staff.js";
export * from "./reception.js";
