// Tests of the case-work panel of the card: every stage of the status with its dates, a status
// decision refused by the Rust side that keeps what was typed and shows the problem next to its
// field, a saved extension that refreshes the card, and a quota inclusion refused over the quota
// with the number of places left in words.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setReference } from "../../lib/reference.svelte";
import { resetRoute, route } from "../../lib/router.svelte";
import { panel } from "../../test/casework-fixtures";
import { REFERENCE } from "../../test/fixtures";
import CaseworkPanel from "./CaseworkPanel.svelte";

beforeEach(() => {
  resetRoute();
  setReference(REFERENCE);
});
afterEach(() => setReference(null));

const invalid = (fields: { field: string; code: string; args?: Record<string, string> }[]) => ({
  code: "store-invalid",
  message: null,
  args: { count: String(fields.length) },
  fields,
  duplicates: [],
});

describe("case-work panel", () => {
  it("shows the status with every stage, its term and the region's quota left", async () => {
    const user = userEvent.setup();
    mockIPC((command) => (command === "casework_panel" ? panel() : null));
    render(CaseworkPanel, { regno: "PVL01-2026-00001" });
    expect(await screen.findByTestId("cw-status-state")).toHaveTextContent("Берілді");
    expect(screen.getByTestId("cw-days-left")).toHaveTextContent("15 күн қалды");
    const stages = screen.getByTestId("cw-stages");
    expect(stages).toHaveTextContent("01.11.2025");
    expect(stages).toHaveTextContent("20.11.2025");
    expect(stages).toHaveTextContent("10.12.2025 – 10.12.2026");
    expect(screen.getByTestId("cw-action-extend")).toHaveTextContent("Ұзарту (6 ай)");
    expect(screen.getByTestId("cw-quota-left")).toHaveTextContent("3 орынның 1 орны қалды (2 бөлінді).");
    await user.click(screen.getByTestId("cw-open-plan"));
    expect(route()).toEqual({ name: "plan", regno: "PVL01-2026-00001" });
  });

  it("keeps a refused decision as typed and shows the problem next to its field", async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    mockIPC((command, args) => {
      if (command === "casework_panel") return panel({ status_form: { ...panel().status_form, decided_on: "", decision: null } });
      if (command === "record_status") {
        sent.push(args);
        throw invalid([{ field: "refusal_reason", code: "status-refusal-reason-missing" }]);
      }
      return null;
    });
    render(CaseworkPanel, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("cw-action-status"));
    expect(screen.getByLabelText(/Өтініш берілген күн/)).toHaveValue("01.11.2025");
    await user.type(screen.getByLabelText("Шешім күні"), "10.12.2025");
    await user.selectOptions(screen.getByLabelText("Шешім"), "refused");
    await user.click(screen.getByTestId("cw-family"));
    await user.click(screen.getByTestId("cw-save"));

    expect(await screen.findByTestId("cw-refusal_reason-error")).toHaveTextContent("Бас тарту үшін себебі керек: оны осы өріске жазыңыз.");
    expect(screen.getByLabelText("Шешім күні")).toHaveValue("10.12.2025");
    expect(screen.getByLabelText("Шешім")).toHaveValue("refused");
    expect(sent[0]).toMatchObject({ regno: "PVL01-2026-00001", form: { decided_on: "10.12.2025", decision: "refused", family: true } });
  });

  it("extends the status and refreshes the card", async () => {
    const user = userEvent.setup();
    const onsaved = vi.fn();
    const sent: unknown[] = [];
    mockIPC((command, args) => {
      if (command === "casework_panel") return panel();
      if (command === "extend_status") {
        sent.push(args);
        return panel({
          status: {
            ...panel().status,
            state: { state: "extended", from: "2025-12-10", until: "2027-06-10" },
            can_extend: false,
            current: { ...panel().status.current!, extended_on: "2026-11-25", extension_months: 6, extended_until: "2027-06-10" },
          },
        });
      }
      return null;
    });
    render(CaseworkPanel, { regno: "PVL01-2026-00001", onsaved });
    await user.click(await screen.findByTestId("cw-action-extend"));
    expect(screen.getByLabelText(/Ұзартылған күн/)).toHaveValue("25.11.2026");
    await user.click(screen.getByTestId("cw-save"));
    expect(await screen.findByTestId("cw-saved")).toHaveTextContent("Мәртебе ұзартылды.");
    expect(screen.getByTestId("cw-stage-extended")).toHaveTextContent("10.06.2027");
    expect(sent[0]).toMatchObject({ form: { extended_on: "25.11.2026", family: false } });
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it("shows a quota inclusion refused over the quota with the places left in words", async () => {
    const user = userEvent.setup();
    mockIPC((command) => {
      if (command === "casework_panel") return panel();
      if (command === "include_in_quota") {
        throw invalid([
          {
            field: "people",
            code: "quota-exceeded",
            args: { region: "KZ-55", year: "2026", quota: "3", used: "2", remaining: "1", people: "2" },
          },
        ]);
      }
      return null;
    });
    render(CaseworkPanel, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("cw-action-quota"));
    await user.click(screen.getByTestId("cw-save"));
    const error = await screen.findByTestId("cw-people-error");
    expect(error).toHaveTextContent("небәрі 1 орын қалды, сондықтан 2 адамды енгізуге болмайды");
    expect(error).not.toHaveTextContent("--people");
    await waitFor(() => expect(screen.getByTestId("cw-form-quota")).toBeInTheDocument());
  });
});
