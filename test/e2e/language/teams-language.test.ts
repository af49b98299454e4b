import { teamsMeetings } from "../meetings/teams-platform.ts";
import { describeLanguageStory } from "./language-scenario.ts";

describeLanguageStory("Teams", teamsMeetings);
