import { coldNightSection, incidentSection } from "./alerts/index.ts";
import { createPartnershipFiles, type PartnershipSection } from "./partnerships/index.ts";
import { reportSection } from "./reports/index.ts";

/** Each capability's part of the partnership file, in the order a file (and an export) lists them. */
export const PARTNERSHIP_SECTIONS: readonly PartnershipSection[] = [coldNightSection, incidentSection, reportSection];

/** Partnership files as this installation reads, imports and exports them (the CLI, the example seed, the tests). */
export const partnershipFiles = createPartnershipFiles(PARTNERSHIP_SECTIONS);
