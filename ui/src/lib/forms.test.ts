// Tests of where the Rust side's problems land in the forms: field ids, field names, grouping,
// and the shift of problems when a member is removed.
import { describe, expect, it } from "vitest";
import { emptyFamily, emptyMember, errorMap, fieldId, fieldLabelId, memberIndex, nextRelation, shiftAfterRemoval } from "./forms";

describe("forms", () => {
  it.each([
    ["arrival_date", "f-arrival_date"],
    ["members[1].iin", "f-members-1-iin"],
    ["members[12].document.number", "f-members-12-document-number"],
    ["reason", "f-reason"],
    ["consent.given_on", "f-consent-given_on"],
  ])("gives %s the input id %s", (path, id) => {
    expect(fieldId(path)).toBe(id);
  });

  it.each([
    ["arrival_date", "field-arrival_date"],
    ["members[1].iin", "field-iin"],
    ["members[0].document.number", "field-document-number"],
    ["members", "field-members"],
    ["document.issued_on", "field-document-issued_on"],
  ])("names %s with %s, as the Rust side does", (path, id) => {
    expect(fieldLabelId(path)).toBe(id);
  });

  it("groups problems by field", () => {
    const map = errorMap([
      { field: "members[0].iin", code: "iin-length" },
      { field: "members[0].iin", code: "iin-sex-mismatch" },
      { field: "region", code: "value-required" },
    ]);
    expect(map.get("members[0].iin")?.map((p) => p.code)).toEqual(["iin-length", "iin-sex-mismatch"]);
    expect(map.get("region")).toHaveLength(1);
    expect(memberIndex("members[3].surname")).toBe(3);
    expect(memberIndex("settlement")).toBeNull();
  });

  it("moves the problems of later members up when one is removed", () => {
    const shifted = shiftAfterRemoval(
      [
        { field: "settlement", code: "value-required" },
        { field: "members[0].surname", code: "value-required" },
        { field: "members[1].iin", code: "iin-length" },
        { field: "members[2].birth_date", code: "desk-date-format" },
      ],
      1,
    );
    expect(shifted.map((p) => p.field)).toEqual(["settlement", "members[0].surname", "members[1].birth_date"]);
  });

  it("starts with the head, then suggests the spouse, then children", () => {
    const family = emptyFamily();
    expect(family.members.map((m) => m.relation)).toEqual(["head"]);
    expect(nextRelation(family.members)).toBe("spouse");
    expect(nextRelation([emptyMember("head"), emptyMember("spouse")])).toBe("child");
    expect(nextRelation([emptyMember("head"), emptyMember("child")])).toBe("child");
  });
});
