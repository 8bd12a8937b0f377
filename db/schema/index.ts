export * from "./people.js";
export * from "./flows.js";
