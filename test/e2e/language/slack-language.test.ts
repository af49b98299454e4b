import { slackMeetings } from "../meetings/slack-platform.ts";
import { describeLanguageStory } from "./language-scenario.ts";

describeLanguageStory("Slack", slackMeetings);
