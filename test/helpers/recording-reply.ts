import type { ReplyPort } from "../../src/chat/inbound.ts";
import type { FormView, Message } from "../../src/chat/message.ts";

/** What the chat layer's rule chose to send for one event, by where it went. */
export interface RecordedAnswers {
  /** Posted in the conversation the event came from, for everyone there. */
  said: Message[];
  /** Shown to the person alone inside the conversation (Slack's ephemeral messages). */
  whispers: Message[];
  /** Sent to the person's 1:1 chat. */
  direct: Message[];
  updates: Message[];
  /** Forms opened in the conversation the event came from. */
  forms: FormView[];
  /** Forms opened in the person's 1:1 chat. */
  directForms: FormView[];
  port: ReplyPort;
}

/**
 * A ReplyPort recording what it is asked to do. By default it answers like a Slack channel (it can show the person a
 * message alone); `direct` makes it the person's 1:1 chat; `privately: false` makes it a Teams channel (it cannot).
 */
export function recordAnswers(options: { direct?: boolean; privately?: boolean } = {}): RecordedAnswers {
  const r: Omit<RecordedAnswers, "port"> = { said: [], whispers: [], direct: [], updates: [], forms: [], directForms: [] };
  let seq = 0;
  const port: ReplyPort = {
    direct: options.direct ?? false,
    post: (m) => (r.said.push(m), Promise.resolve(`test:here/${++seq}`)),
    showPrivately: options.direct === true || options.privately === false ? undefined : (m) => (r.whispers.push(m), Promise.resolve()),
    sendDirect: (m) => (r.direct.push(m), Promise.resolve(`test:direct/${++seq}`)),
    updateSource: (m) => (r.updates.push(m), Promise.resolve()),
    openForm: (form, where) => ((where === "here" ? r.forms : r.directForms).push(form), Promise.resolve()),
  };
  return { ...r, port };
}
