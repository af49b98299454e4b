/** The fault suite's global setup: imports the fixture partnership once into a template every file clones. */
import type { TestProject } from "vitest/node";
import { dropDatabase, importTemplate } from "./fault-world.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The template database with the fixture partnership imported. */
    faultsTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = await importTemplate();
  project.provide("faultsTemplate", name);
  return () => dropDatabase(name);
}
