import { describeExtraMeetingsStory } from "./extra-meetings-scenario.ts";
import { slackMeetings } from "./slack-platform.ts";

describeExtraMeetingsStory("Slack", slackMeetings);
