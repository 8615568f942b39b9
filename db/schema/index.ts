export * from "./booking";
export * from "./office";
