import { DateTime } from "luxon";

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
  /** When this version of the file was made. */
  stamp: Date;
}

const STOCKHOLM = "Europe/Stockholm";

// The CET/CEST rules in force since 1996 (EU summer time): clients that do not know the zone id still
// convert correctly, and every client that does know it sees the same offsets.
const STOCKHOLM_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Stockholm",
  "X-LIC-LOCATION:Europe/Stockholm",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** Renders an RFC 5545 calendar (RFC 5546 method) with CRLF line ends and lines folded at 75 octets. */
export function renderIcs(event: CalendarEvent): string {
  const cancelled = event.method === "CANCEL";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Samverka//Meetings//SV",
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    ...(event.timeZone === STOCKHOLM ? STOCKHOLM_VTIMEZONE : []),
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
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
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
  if (timeZone !== STOCKHOLM) return `${name}:${utcStamp(at)}`;
  return `${name};TZID=${STOCKHOLM}:${DateTime.fromJSDate(at, { zone: STOCKHOLM }).toFormat("yyyyMMdd'T'HHmmss")}`;
}

function utcStamp(at: Date): string {
  return DateTime.fromJSDate(at, { zone: "utc" }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}

// Parameter values may not contain DQUOTE; quoting makes ":", ";" and "," in a group name safe.
function quoteParameter(value: string): string {
  return `"${value.replace(/"/g, "'").replace(/[\r\n]+/g, " ")}"`;
}
