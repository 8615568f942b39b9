export * from "./booking";
export * from "./office";
export * from "./staff";
export * from "./applications";
