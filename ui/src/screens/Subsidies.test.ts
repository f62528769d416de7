// Tests of the family's subsidy screen: the preview shows the eligibility and the explanation
// before saving, a refusal lists every reason translated, the manager's approval sends the
// decision to Rust and shows the store's refusal as its message, and a payment shows its order.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../lib/i18n";
import { setSession } from "../lib/session.svelte";
import { PERMISSIONS, SESSION } from "../test/fixtures";
import { decision, PREVIEW, statement } from "../test/subsidy-fixtures";
import Subsidies from "./Subsidies.svelte";

const MANAGER = {
  ...SESSION,
  actor: { ...SESSION.actor, login: "marat", role: "manager" as const, full_name: "Марат Ахметов" },
  permissions: PERMISSIONS.manager,
};

describe("family subsidy screen", () => {
  beforeEach(() => {
    setLang("kk");
    setSession(SESSION);
  });

  it("previews the eligibility and the explanation, then saves the decision", async () => {
    const user = userEvent.setup();
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "subsidy_statement") return statement([]);
      if (command === "subsidy_preview") return PREVIEW;
      if (command === "prepare_subsidy") return statement([decision("awaiting")]);
      return null;
    });
    render(Subsidies, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("subsidy-prepare"));
    expect(screen.getByTestId("prepare-decided-on")).toHaveValue("25.11.2026");
    expect(screen.getByTestId("prepare-save")).toBeDisabled();
    await user.click(screen.getByTestId("prepare-check"));
    expect(await screen.findByTestId("prepare-eligible")).toHaveTextContent("relocation-2023 v1");
    expect(screen.getByTestId("preview-explanation")).toHaveTextContent("2 адам × 70 АЕК × 4 325 ₸ = 605 500 ₸", { normalizeWhitespace: true });
    await user.click(screen.getByTestId("prepare-save"));
    expect(await screen.findByTestId("subsidy-message")).toHaveTextContent("PVL01-S-2026-00001");
    expect(screen.getByTestId("instalment-state")).toHaveTextContent("Бекітуді күтуде");
    const prepare = calls.find((c) => c.command === "prepare_subsidy");
    expect(prepare?.args).toMatchObject({ regno: "PVL01-2026-00001", form: { kind: "relocation", decided_on: "25.11.2026" } });
  });

  it("lists every reason a family is refused, translated", async () => {
    const user = userEvent.setup();
    setLang("en");
    mockIPC((command) => {
      if (command === "subsidy_statement") return statement([]);
      if (command === "subsidy_preview")
        return {
          ...PREVIEW,
          eligible: false,
          instalments: [],
          total: null,
          refusals: [
            { field: "quota", code: "subsidy-refused-not-in-quota" },
            { field: "status", code: "subsidy-refused-status", args: { decided_on: "2026-09-16" } },
          ],
        };
      return null;
    });
    render(Subsidies, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("subsidy-prepare"));
    await user.click(screen.getByTestId("prepare-check"));
    const refusals = await screen.findAllByTestId("prepare-refusal");
    expect(refusals.map((r) => r.textContent)).toEqual([
      "The family is not included in the regional quota. Record the quota decision first.",
      "The head's kandas status is not in force on 2026-09-16. Record the status or its extension first.",
    ]);
    expect(screen.getByTestId("prepare-save")).toBeDisabled();
  });

  it("shows the store's refusal of an approval as its message", async () => {
    const user = userEvent.setup();
    setSession(MANAGER);
    mockIPC((command) => {
      if (command === "subsidy_statement") return statement([{ ...decision("awaiting"), prepared_by: "marat" }]);
      if (command === "approve_subsidy")
        throw {
          code: "ledger-maker-checker",
          message: null,
          args: { login: "marat", seq: "1", decision: "PVL01-S-2026-00001" },
          fields: [],
          duplicates: [],
        };
      return null;
    });
    render(Subsidies, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("decision-approve"));
    expect(await screen.findByTestId("subsidy-message")).toHaveTextContent(
      "marat PVL01-S-2026-00001 шешімінің 1-төлемін өзі дайындаған, сондықтан оны бекіте алмайды",
    );
    expect(screen.getByTestId("instalment-state")).toHaveTextContent("Бекітуді күтуде");
  });

  it("records a payment with its order number and date", async () => {
    const user = userEvent.setup();
    setSession(MANAGER);
    let paid: unknown = null;
    mockIPC((command, args) => {
      if (command === "subsidy_statement") return statement([decision("approved")]);
      if (command === "pay_subsidy") {
        paid = args;
        return statement([decision("paid")]);
      }
      return null;
    });
    render(Subsidies, { regno: "PVL01-2026-00001" });
    expect(screen.queryByTestId("decision-approve")).toBeNull();
    await user.click(await screen.findByTestId("decision-pay"));
    expect(screen.getByTestId("pay-date")).toHaveValue("25.11.2026");
    await user.type(screen.getByTestId("pay-order"), "ПП-0042");
    await user.click(screen.getByTestId("pay-save"));
    await waitFor(() => expect(screen.getByTestId("instalment-payment")).toHaveTextContent("№ ПП-0042"));
    expect(paid).toEqual({ number: "PVL01-S-2026-00001", seqs: [], order: "ПП-0042", paid_on: "25.11.2026" });
  });
});
