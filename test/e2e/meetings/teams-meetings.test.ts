import { describeMeetingsStory } from "./meetings-scenario.ts";
import { teamsMeetings } from "./teams-platform.ts";

describeMeetingsStory("Teams", teamsMeetings);
