import { describeConversationGroupStory } from "./conversation-group-scenario.ts";
import { teamsMeetings } from "./teams-platform.ts";

describeConversationGroupStory("Teams", teamsMeetings, {
  david: { userId: "29:david", aadObjectId: "aad-david", name: "David Utanför" },
  channel: "19:samverkan@thread.tacv2",
  notYet: "19:referens@thread.tacv2",
});
