export { createPrivacyFeature } from "./audit-log.ts";
export { createMemberCommands } from "./privacy.cli.ts";
export { eraseMember, exportMemberData, resolveMember, type ErasureCounts, type ForgetPlatformUsers } from "./member-data.ts";
