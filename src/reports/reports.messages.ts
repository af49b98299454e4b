import type { Catalogue } from "../shared/i18n.ts";

export type ReportsKey =
  | "help"
  | "open.intro"
  | "open.start_button"
  | "open.form_button"
  | "open.busy"
  | "reminder.before"
  | "reminder.today"
  | "reminder.overdue"
  | "reminder.snooze_button"
  | "reminder.snoozed"
  | "escalation"
  | "submitted"
  | "submitted_late"
  | "correction_closed"
  | "no_organisation"
  | "pick"
  | "gone"
  | "status.heading"
  | "status.submitted"
  | "status.in_progress"
  | "status.missing"
  | "status.none"
  | "state.submitted"
  | "state.in_progress"
  | "state.missing"
  | "compile.forbidden"
  | "compile.bad_period"
  | "compile.done"
  | "compile.missing"
  | "usage"
  | "extension.reminder"
  | "extension.agenda"
  | "extension.howToRecord"
  | "form.title"
  | "form.submit"
  | "form.intro"
  | "sheet.field"
  | "sheet.total"
  | "sheet.status"
  | "sheet.organisation"
  | "sheet.version"
  | "sheet.submitted_at"
  | "sheet.submitted_by"
  | "sheet.share"
  | "sheet.summary"
  | "sheet.submissions"
  | "sheet.comments"
  | "sheet.average"
  | "days"
  | "questions"
  | "conversation.intro"
  | "early.waits"
  | "early.allowed"
  | "early.forbidden"
  | "queued"
  | "queued.submitted"
  | "cancelled.queued"
  | "stale.submitted"
  | "stale.queued"
  | "stale.none"
  | "next.none_open"
  | "next.start_coordinator"
  | "next.start_coordinator_allowed"
  | "next.start_other"
  | "next.start_button"
  | "next.none_scheduled"
  | "help.request"
  | "request.forbidden"
  | "request.usage"
  | "request.bad_form"
  | "request.bad_period"
  | "request.bad_deadline"
  | "request.bad_org"
  | "request.done"
  | "request.skipped"
  | "request.none";

export const reportsMessages: Catalogue<ReportsKey> = {
  sv: {
    "help.request": "**begär rapport** – administrationen ber organisationerna om en rapport utanför cykeln",
    help: "**rapport** – fyll i uppföljningen; **rapport status** visar vilka som rapporterat",
    "open.intro":
      "{form} {period} för {org} är öppen ({questions}). Sista dag att lämna in: {deadline}. Svara på frågorna här, en i taget, eller fyll i allt på en gång i formuläret.",
    "open.start_button": "Svara i chatten",
    "open.form_button": "Öppna formuläret",
    "open.busy": "Du håller på med en annan rapport. Tryck Svara i chatten när du vill ta den här.",
    "reminder.before": "Påminnelse: {form} {period} för {org} ska lämnas in senast {deadline} ({days}).",
    "reminder.today": "Påminnelse: {form} {period} för {org} ska lämnas in i dag, {deadline}.",
    "reminder.overdue": "{form} {period} för {org} skulle ha lämnats in {deadline} och är försenad. Partnerskapets samordnare har fått veta.",
    "reminder.snooze_button": "Påminn i morgon",
    "reminder.snoozed": "Okej, jag påminner dig i morgon {time}.",
    escalation: "{org} har inte lämnat in {form} {period}. Sista dag var {deadline}. Organisationens samordnare har påmints: {who}.",
    submitted: "Tack! {form} {period} för {org} är inskickad (version {version}). Du kan rätta den till och med {deadline}: skriv rapport.",
    submitted_late: "Tack! {form} {period} för {org} är inskickad (version {version}), efter sista dagen {deadline}.",
    correction_closed: "Sista dag för {form} {period} var {deadline}, så rapporten kan inte längre rättas. Kontakta partnerskapets samordnare.",
    no_organisation: "Du är inte kopplad till någon organisation i partnerskapet, så du har inga rapporter att lämna.",
    pick: "Vilken rapport vill du fylla i?",
    gone: "Den rapporten finns inte längre, eller så är den inte din att fylla i.",
    "status.heading": "Rapportstatus: {form} {period} (sista dag {deadline})",
    "status.submitted": "{org}: inskickad {at} (version {version})",
    "status.in_progress": "{org}: pågår",
    "status.missing": "{org}: saknas",
    "status.none": "Inga rapporter är öppna just nu.",
    "state.submitted": "inskickad",
    "state.in_progress": "pågår",
    "state.missing": "saknas",
    "compile.forbidden": "Bara partnerskapets administratörer och samordnare kan sammanställa rapporter.",
    "compile.bad_period": "Jag förstår inte perioden {period}. Skriv t.ex. rapport sammanställ 2026H2 (eller 2026-11, 2026Q4, 2019/20).",
    "compile.done": "Sammanställning av {form} {period}: {submitted} av {count} organisationer har lämnat in.",
    "compile.missing": "Inte inlämnat: {orgs}.",
    usage:
      "rapport – fyll i din organisations rapport i chatten\nrapport formulär – fyll i den i ett formulär\nrapport status – vilka som lämnat in\nrapport sammanställ 2026H2 – sammanställning som fil (administratörer)\nbegär rapport uppföljning 2026H2 senast 2026-12-20 – begär en rapport av organisationerna (administratörer)",
    "extension.reminder":
      "Påminnelse till styrgruppen: förlängning av {partnership} måste vara skriftligt överenskommen senast {deadline} ({days}). Ta upp den på styrgruppens nästa möte.",
    "extension.agenda": "Förlängning av överenskommelsen: skriftligt beslut senast {deadline}",
    "extension.howToRecord":
      "När beslutet är fattat skriver styrgruppens ordförande eller administrationen till mig: `förlängning beviljad till ÅÅÅÅ-MM-DD` (längst till {until}) eller `förlängning avslutas`. Då slutar påminnelserna.",
    "form.title": "{form} {period}",
    "form.submit": "Skicka in",
    "form.intro": "{org}. Sista dag: {deadline}. Skriv inga namn eller personnummer.",
    "sheet.field": "Uppgift",
    "sheet.total": "Totalt",
    "sheet.status": "Status",
    "sheet.organisation": "Organisation",
    "sheet.version": "Version",
    "sheet.submitted_at": "Inskickad",
    "sheet.submitted_by": "Inskickad av",
    "sheet.share": "Andel",
    "sheet.summary": "Sammanställning",
    "sheet.submissions": "Inlämningar",
    "sheet.comments": "Kommentarer",
    "sheet.average": "medelvärde",
    questions: (p, f) => `${f.number(Number(p.n))} ${f.plural(Number(p.n), "fråga", "frågor")}`,
    "conversation.intro": "{form} {period} för {org}. Sista dag: {deadline}. {questions}, en i taget.",
    "early.waits": "Rapporten öppnar {opens}. Det du svarar sparas, och rapporten skickas in när den öppnar.",
    "early.allowed": "Rapporten öppnar {opens}, men partnerskapet tar emot den redan nu: den skickas in när du är klar.",
    "early.forbidden": "Bara organisationens samordnare kan börja på en rapport innan den öppnar.",
    queued: "Tack! {form} {period} för {org} är klar och sparad. Den skickas in när rapporten öppnar {opens}. Skriv rapport om du vill ändra något före dess.",
    "cancelled.queued":
      "Avbrutet. Det du ändrat nu sparas inte, men {form} {period} för {org} som du sparade {saved} ligger kvar och skickas in när rapporten öppnar {opens}. Skriv rapport om du vill ändra den före dess.",
    "queued.submitted":
      "{form} {period} för {org} har öppnat, och det du fyllde i i förväg är nu inskickat (version {version}). Du kan rätta den till och med {deadline}: skriv rapport.",
    "stale.submitted":
      "Den knappen hör till ett utkast som redan är avslutat. Det som gäller är version {version} av {form} {period} för {org}, inskickad {at} av {by}. Skriv rapport för att se eller rätta den.",
    "stale.queued":
      "Den knappen hör till ett utkast som redan är avslutat. {form} {period} för {org} är klar och skickas in när rapporten öppnar {opens}. Skriv rapport för att ändra.",
    "stale.none": "Den knappen hör till ett utkast som avbröts. Inget av {form} {period} för {org} är inskickat än. Skriv rapport för att börja om.",
    "next.none_open": "Din organisation har inga öppna rapporter just nu. Nästa är {form} {period}: den öppnar {opens} och ska vara inne senast {deadline}.",
    "next.start_coordinator": "Du kan börja redan nu: det du svarar sparas, och rapporten skickas in när den öppnar.",
    "next.start_coordinator_allowed": "Du kan börja redan nu och skicka in när du är klar.",
    "next.start_other": "Din organisations samordnare kan börja fylla i den redan nu.",
    "next.start_button": "Börja nu",
    "next.none_scheduled": "Din organisation har inga öppna rapporter just nu, och inga fler är inplanerade.",
    "request.forbidden": "Bara partnerskapets administratörer och rapportsamordnare kan begära en rapport.",
    "request.usage":
      "Skriv begär rapport, formuläret och perioden, t.ex. `begär rapport uppföljning 2026H2 senast 2026-12-20 convictus`. Utan senast blir sista dag om {days} dagar; utan organisationer går begäran till alla. Formulär: {forms}. Organisationer: {orgs}.",
    "request.bad_form": "Det finns inget formulär som heter {form}. Välj ett av: {forms}.",
    "request.bad_period": "Jag förstår inte perioden {period}. Skriv t.ex. 2026H2, 2026-11, 2026Q4 eller 2019/20.",
    "request.bad_deadline": "Sista dag {deadline} går inte: skriv ett datum från och med i dag, t.ex. `senast {example}`.",
    "request.bad_org": "Jag känner inte till organisationen {org}. Organisationer: {orgs}.",
    "request.done":
      "Begäran skickad: {form} {period} till {orgs}, sista dag {deadline}. Deras samordnare får frågorna nu och påminnelser fram till dess, och du får veta om någon inte lämnat in i tid.",
    "request.skipped": "Redan öppen eller inlämnad, så ingen ny begäran: {orgs}.",
    "request.none": "Ingen ny begäran skickades: {form} {period} är redan öppen eller inlämnad för alla du valde.",
    days: (p, f) => {
      const n = Number(p.n);
      if (n < 0) return `för ${f.number(-n)} ${f.plural(-n, "dag", "dagar")} sedan`;
      return `om ${f.number(n)} ${f.plural(n, "dag", "dagar")}`;
    },
  },
  en: {
    "help.request": "**request report** – the administration asks organisations for a report outside the cycle",
    help: "**report** – fill in the follow-up; **report status** shows who has reported",
    "open.intro":
      "{form} {period} for {org} is open ({questions}). Deadline: {deadline}. Answer the questions here, one at a time, or fill in everything at once in the form.",
    "open.start_button": "Answer in chat",
    "open.form_button": "Open the form",
    "open.busy": "You are in the middle of another report. Press Answer in chat when you want to take this one.",
    "reminder.before": "Reminder: {form} {period} for {org} is due by {deadline} ({days}).",
    "reminder.today": "Reminder: {form} {period} for {org} is due today, {deadline}.",
    "reminder.overdue": "{form} {period} for {org} was due {deadline} and is overdue. The partnership coordinator has been told.",
    "reminder.snooze_button": "Remind me tomorrow",
    "reminder.snoozed": "OK, I will remind you tomorrow at {time}.",
    escalation: "{org} has not submitted {form} {period}. The deadline was {deadline}. The organisation's coordinators have been reminded: {who}.",
    submitted: "Thank you! {form} {period} for {org} is submitted (version {version}). You can correct it until {deadline}: write report.",
    submitted_late: "Thank you! {form} {period} for {org} is submitted (version {version}), after the deadline {deadline}.",
    correction_closed: "The deadline for {form} {period} was {deadline}, so the report can no longer be corrected. Contact the partnership coordinator.",
    no_organisation: "You are not linked to an organisation in the partnership, so you have no reports to submit.",
    pick: "Which report do you want to fill in?",
    gone: "That report no longer exists, or it is not yours to fill in.",
    "status.heading": "Report status: {form} {period} (deadline {deadline})",
    "status.submitted": "{org}: submitted {at} (version {version})",
    "status.in_progress": "{org}: in progress",
    "status.missing": "{org}: missing",
    "status.none": "No reports are open right now.",
    "state.submitted": "submitted",
    "state.in_progress": "in progress",
    "state.missing": "missing",
    "compile.forbidden": "Only the partnership's admins and coordinators can compile reports.",
    "compile.bad_period": "I do not understand the period {period}. Write e.g. report compile 2026H2 (or 2026-11, 2026Q4, 2019/20).",
    "compile.done": "Compilation of {form} {period}: {submitted} of {count} organisations have submitted.",
    "compile.missing": "Not submitted: {orgs}.",
    usage:
      "report – fill in your organisation's report in chat\nreport form – fill it in as a form\nreport status – who has submitted\nreport compile 2026H2 – compilation as a file (admins)\nrequest report uppfoljning 2026H2 by 2026-12-20 – ask the organisations for a report (admins)",
    "extension.reminder":
      "Reminder to the steering group: the extension of {partnership} must be agreed in writing by {deadline} ({days}). Take it up at the steering group's next meeting.",
    "extension.agenda": "Extension of the agreement: written decision by {deadline}",
    "extension.howToRecord":
      "Once it is decided, the steering group's chair or the administration writes to me: `extension granted until YYYY-MM-DD` (at most {until}) or `extension ends`. The reminders then stop.",
    "form.title": "{form} {period}",
    "form.submit": "Submit",
    "form.intro": "{org}. Deadline: {deadline}. Do not write names or identity numbers.",
    "sheet.field": "Figure",
    "sheet.total": "Total",
    "sheet.status": "Status",
    "sheet.organisation": "Organisation",
    "sheet.version": "Version",
    "sheet.submitted_at": "Submitted",
    "sheet.submitted_by": "Submitted by",
    "sheet.share": "Share",
    "sheet.summary": "Compilation",
    "sheet.submissions": "Submissions",
    "sheet.comments": "Comments",
    "sheet.average": "average",
    questions: (p, f) => `${f.number(Number(p.n))} ${f.plural(Number(p.n), "question", "questions")}`,
    "conversation.intro": "{form} {period} for {org}. Deadline: {deadline}. {questions}, one at a time.",
    "early.waits": "The report opens {opens}. What you answer is saved, and the report is submitted when it opens.",
    "early.allowed": "The report opens {opens}, but the partnership takes it already now: it is submitted when you are done.",
    "early.forbidden": "Only the organisation's coordinators can start a report before it opens.",
    queued:
      "Thank you! {form} {period} for {org} is done and saved. It is submitted when the report opens {opens}. Write report if you want to change anything before then.",
    "cancelled.queued":
      "Cancelled. What you changed just now is not saved, but {form} {period} for {org} as you saved it on {saved} is kept and is submitted when the report opens {opens}. Write report if you want to change it before then.",
    "queued.submitted":
      "{form} {period} for {org} has opened, and what you filled in ahead is now submitted (version {version}). You can correct it until {deadline}: write report.",
    "stale.submitted":
      "That button belongs to a draft that is already finished. What stands is version {version} of {form} {period} for {org}, submitted {at} by {by}. Write report to see or correct it.",
    "stale.queued":
      "That button belongs to a draft that is already finished. {form} {period} for {org} is done and is submitted when the report opens {opens}. Write report to change it.",
    "stale.none": "That button belongs to a draft that was cancelled. Nothing of {form} {period} for {org} is submitted yet. Write report to start again.",
    "next.none_open": "Your organisation has no open reports right now. Next is {form} {period}: it opens {opens} and is due by {deadline}.",
    "next.start_coordinator": "You can start now: what you answer is saved, and the report is submitted when it opens.",
    "next.start_coordinator_allowed": "You can start now and submit when you are done.",
    "next.start_other": "Your organisation's coordinators can start filling it in now.",
    "next.start_button": "Start now",
    "next.none_scheduled": "Your organisation has no open reports right now, and no more are scheduled.",
    "request.forbidden": "Only the partnership's admins and report coordinator can request a report.",
    "request.usage":
      "Write request report, the form and the period, e.g. `request report uppfoljning 2026H2 by 2026-12-20 convictus`. Without by, the deadline is in {days} days; without organisations, the request goes to all. Forms: {forms}. Organisations: {orgs}.",
    "request.bad_form": "There is no form called {form}. Pick one of: {forms}.",
    "request.bad_period": "I do not understand the period {period}. Write e.g. 2026H2, 2026-11, 2026Q4 or 2019/20.",
    "request.bad_deadline": "The deadline {deadline} does not work: write a date from today on, e.g. `by {example}`.",
    "request.bad_org": "I do not know the organisation {org}. Organisations: {orgs}.",
    "request.done":
      "Request sent: {form} {period} to {orgs}, deadline {deadline}. Their coordinators get the questions now and reminders until then, and you will hear if anyone has not submitted in time.",
    "request.skipped": "Already open or submitted, so no new request: {orgs}.",
    "request.none": "No new request was sent: {form} {period} is already open or submitted for everyone you chose.",
    days: (p, f) => {
      const n = Number(p.n);
      if (n < 0) return `${f.number(-n)} ${f.plural(-n, "day", "days")} ago`;
      return `in ${f.number(n)} ${f.plural(n, "day", "days")}`;
    },
  },
};
