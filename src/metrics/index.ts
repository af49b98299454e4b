export { measureBacklog, type BacklogFigure, type BacklogTable } from "./backlog.ts";
export { createRowObserver } from "./row-observations.ts";
