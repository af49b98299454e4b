import { describe, expect, it } from "vitest";
import { connectorClients } from "../../../adapters/teams/chat/connector-clients.ts";

describe("connector clients", () => {
  it("makes one client per service URL (a trailing slash is the same URL) and keeps at most 16", () => {
    const made: string[] = [];
    const clientFor = connectorClients((url) => (made.push(url), { url }));
    const first = clientFor("https://smba.trafficmanager.net/emea/");
    expect(clientFor("https://smba.trafficmanager.net/emea")).toBe(first);
    expect(made).toEqual(["https://smba.trafficmanager.net/emea"]);
    for (let i = 0; i < 16; i++) clientFor(`http://127.0.0.1:${4000 + i}`);
    // The oldest was let go to keep 16: asking for it again makes a new one.
    expect(clientFor("https://smba.trafficmanager.net/emea")).not.toBe(first);
    expect(made).toHaveLength(18);
  });
});
