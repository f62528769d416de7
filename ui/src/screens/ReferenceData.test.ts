// Tests of the reference data screen: the MCI table as Rust formatted it, a new row sent as
// typed with the recalculations it proposes, and a rules text Rust could not read refused with
// its message.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { ReferenceData as Data } from "../lib/bindings/ReferenceData";
import { setLang } from "../lib/i18n";
import { mciValue, money, PAYMENTS } from "../test/subsidy-fixtures";
import ReferenceData from "./ReferenceData.svelte";

const DATA: Data = {
  mci: [{ effective_from: "2026-01-01", purpose: "social_payments", value: mciValue(4325, "4 325 ₸"), note: null }],
  rules: [
    {
      id: "relocation-2023",
      version: 1,
      kind: "relocation",
      valid_from: "2023-07-01",
      valid_to: null,
      basis: "per_member",
      amount_mci: "70",
      percent: null,
      cap_mci: null,
      tiers: [],
      months: null,
      current: true,
      decisions: 3,
      json: "{}",
    },
  ],
  recalc: { proposals: [], blocked: [], total_difference: money(0, "0 ₸") },
};

describe("reference data screen", () => {
  beforeEach(() => setLang("kk"));

  it("adds an MCI row and says how many recalculations it proposes", async () => {
    const user = userEvent.setup();
    let added: unknown = null;
    mockIPC((command, args) => {
      if (command === "reference_data") return DATA;
      if (command === "add_mci") {
        added = args;
        return {
          ...DATA,
          mci: [{ effective_from: "2027-01-01", purpose: "social_payments", value: mciValue(4500, "4 500 ₸"), note: null }, ...DATA.mci],
          recalc: PAYMENTS.recalc,
        };
      }
      return null;
    });
    render(ReferenceData);
    expect(await screen.findByTestId("mci-row")).toHaveTextContent("4 325 ₸");
    expect(screen.getByTestId("rule-row")).toHaveTextContent("70 АЕК отбасының әр мүшесіне");
    await user.type(screen.getByTestId("mci-from"), "01.01.2027");
    await user.type(screen.getByTestId("mci-tenge"), "4 500");
    await user.click(screen.getByTestId("mci-save"));
    expect(await screen.findByTestId("reference-message")).toHaveTextContent("Қайта есептеу ұсыныстары: 1.");
    expect(added).toEqual({ from: "01.01.2027", purpose: "social_payments", tenge: "4 500", note: "" });
    expect(screen.getAllByTestId("mci-row")).toHaveLength(2);
  });

  it("shows why a rules text was refused", async () => {
    const user = userEvent.setup();
    setLang("en");
    mockIPC((command) => {
      if (command === "reference_data") return DATA;
      if (command === "add_rules")
        throw { code: "rule-json", message: null, args: { detail: "unknown field `kindd`" }, fields: [], duplicates: [] };
      return null;
    });
    render(ReferenceData);
    await screen.findByTestId("rule-json");
    await user.click(screen.getByTestId("rule-json"));
    await user.paste('{"kindd": 1}');
    await user.click(screen.getByTestId("rule-save"));
    await waitFor(() => expect(screen.getByTestId("reference-message")).toHaveTextContent("unknown field `kindd`"));
  });
});
