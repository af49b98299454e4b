import { describeConversationGroupStory } from "./conversation-group-scenario.ts";
import { slackMeetings } from "./slack-platform.ts";

describeConversationGroupStory("Slack", slackMeetings, { david: { userId: "U0DAVID" }, channel: "C0SAMVERKAN", notYet: "C0REFERENS" });
