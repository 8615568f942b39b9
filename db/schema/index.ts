export * from "./booking";
export * from "./office";
export * from "./staff";
