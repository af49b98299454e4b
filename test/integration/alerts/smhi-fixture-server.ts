import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFixtureText } from "../../helpers/fixtures.ts";

/** Reads the recorded SNOW1g response (Stockholm, `test/fixtures/`) as text, byte for byte. */
export function readSmhiRecording(): string {
  return readFixtureText("smhi-snow1g-magicmirror-stockholm.json");
}

/** What the loopback SMHI answers with next: a status and a body, or a hang that never answers. */
export type SmhiAnswer = { status: number; body: string } | "hang";

/** A loopback HTTP server playing SMHI's open-data API; `answer` decides each response, `requests` records paths. */
export interface FakeSmhi {
  baseUrl: string;
  requests: string[];
  answer: () => SmhiAnswer;
  close(): Promise<void>;
}

export async function startFakeSmhi(): Promise<FakeSmhi> {
  const recording = readSmhiRecording();
  const fake: FakeSmhi = {
    baseUrl: "",
    requests: [],
    answer: () => ({ status: 200, body: recording }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    fake.requests.push(req.url ?? "");
    const answer = fake.answer();
    if (answer === "hang") return;
    res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/category/snow1g/version/1`;
  return fake;
}
