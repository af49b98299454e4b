import { describeExtraMeetingsStory } from "./extra-meetings-scenario.ts";
import { teamsMeetings } from "./teams-platform.ts";

describeExtraMeetingsStory("Teams", teamsMeetings);
