import { describe, expect, it } from "vitest";
import { readFormValues } from "../../../src/forms/index.ts";
import { reportSettingsSchema } from "../../../src/reports/report-settings.ts";
import { resolveTemplate } from "../../../src/reports/report-templates.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";

const none = { templates: {} };
const l = (sv: string, en: string) => ({ sv, en });

describe("report templates", () => {
  it("checks the annual economic report's costs add up and unspent funds stay within the grant", () => {
    const ekonomi = resolveTemplate("ekonomi", none);
    const values = {
      granted_amount: "1 000 000",
      costs_staff: "600 000",
      costs_premises: "250 000",
      costs_other: "100 000",
      costs_total: "950 000",
      own_financing: "50 000",
      surplus: "yes",
      surplus_amount: "50 000",
    };
    expect(readFormValues(ekonomi, values, "sv")).toMatchObject({ ok: true, answers: { costs_total: 950_000, surplus_amount: 50_000, comment: null } });
    const wrong = readFormValues(ekonomi, { ...values, costs_total: "900 000", surplus_amount: "1 200 000" }, "en");
    expect(!wrong.ok && wrong.errors).toEqual({
      costs_total: "Staff costs + Premises costs + Other costs add up to 950,000, but Total costs is 900,000. They must be equal.",
      surplus_amount: "Unspent funds (1,200,000) may not be greater than Granted amount (1,000,000).",
    });
  });

  it("lets a partnership drop figures, add its own, and drops checks on what was dropped", () => {
    const custom = resolveTemplate("uppfoljning", {
      templates: {
        uppfoljning: {
          omit: ["visitors_other", "volunteer_hours"],
          add: [{ id: "user_survey_done", type: "yesno", label: l("Har brukarundersökningen gjorts?", "Has the user survey been done?"), required: true }],
        },
      },
    });
    const ids = custom.fields.map((f) => f.id);
    expect(ids).not.toContain("visitors_other");
    expect(ids.at(-1)).toBe("user_survey_done");
    expect(custom.checks.map((c) => c.kind)).toEqual(["atMost"]);
  });

  it("refuses a template change that is not a valid field, as the partnership file is read", () => {
    const bad = reportSettingsSchema.safeParse({
      coordinator: "cecilia",
      templates: { uppfoljning: { add: [{ id: "x", type: "number", label: l("X", "X") }] } },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["templates", "uppfoljning", "add", 0, "type"]);
  });

  it("refuses an unknown form without fields of its own, and takes one with them", () => {
    expect(() => resolveTemplate("brukarundersokning", none)).toThrow(SamverkaError);
    const survey = resolveTemplate("brukarundersokning", {
      templates: {
        brukarundersokning: {
          title: l("Brukarundersökning", "User survey"),
          omit: [],
          add: [],
          fields: [{ id: "answers", type: "integer", label: l("Antal svar", "Answers"), required: true, total: "sum" }],
        },
      },
    });
    expect(survey.title.sv).toBe("Brukarundersökning");
  });
});
