import { describeMeetingsStory } from "./meetings-scenario.ts";
import { slackMeetings } from "./slack-platform.ts";

describeMeetingsStory("Slack", slackMeetings);
