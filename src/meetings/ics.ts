import { DateTime } from "luxon";
import { vtimezoneLines } from "./vtimezone.ts";

/** One meeting as a calendar event; `uid` stays the same for the meeting's life, `sequence` grows with each change. */
export interface CalendarEvent {
  uid: string;
  sequence: number;
  method: "REQUEST" | "CANCEL";
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  summary: string;
  description?: string;
  location?: string;
  organizer: { name: string; email: string };
  /** Everyone invited; the chair as CHAIR. */
  attendees: Attendee[];
  /** Whether clients should send their answer to the organizer (only when the organizer is a real mailbox). */
  rsvp: boolean;
  /** When this version of the file was made. */
  stamp: Date;
}

/** One invited person: their name and the address their calendar knows them by. */
export interface Attendee {
  name: string;
  email: string;
  role: "CHAIR" | "REQ-PARTICIPANT";
}

/** Zones written as UTC times, without a VTIMEZONE. */
const UTC_ZONES = new Set(["UTC", "Etc/UTC", "Etc/GMT"]);

/** Renders an RFC 5545 calendar (RFC 5546 method) with CRLF line ends and lines folded at 75 octets. */
export function renderIcs(event: CalendarEvent): string {
  const cancelled = event.method === "CANCEL";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Samverka//Meetings//SV",
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    ...(UTC_ZONES.has(event.timeZone) ? [] : vtimezoneLines(event.timeZone, event.startsAt.getUTCFullYear())),
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    dateTimeProperty("DTSTART", event.startsAt, event.timeZone),
    dateTimeProperty("DTEND", event.endsAt, event.timeZone),
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description === undefined ? [] : [`DESCRIPTION:${escapeText(event.description)}`]),
    ...(event.location === undefined ? [] : [`LOCATION:${escapeText(event.location)}`]),
    `ORGANIZER;CN=${quoteParameter(event.organizer.name)}:mailto:${event.organizer.email}`,
    ...event.attendees.map(
      (a) =>
        `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=${a.role};PARTSTAT=NEEDS-ACTION;RSVP=${event.rsvp ? "TRUE" : "FALSE"};CN=${quoteParameter(a.name)}:mailto:${a.email}`,
    ),
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function dateTimeProperty(name: string, at: Date, timeZone: string): string {
  if (UTC_ZONES.has(timeZone)) return `${name}:${utcStamp(at)}`;
  return `${name};TZID=${timeZone}:${DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyyMMdd'T'HHmmss")}`;
}

function utcStamp(at: Date): string {
  return DateTime.fromJSDate(at, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}

// Parameter values may not contain DQUOTE; quoting makes ":", ";" and "," in a group name safe.
function quoteParameter(value: string): string {
  return `"${value.replace(/"/g, "'").replace(/[\r\n]+/g, " ")}"`;
}
