// Tests of the monthly summary screen: the figures as the Rust side gives them (money already
// formatted), saving as PDF or XLSX, stepping to another month, and closing a month (only for
// those who may, only once it is over) so it shows as closed.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stepMonth, type SummaryScreen } from "../lib/api-documents";
import { setReference } from "../lib/reference.svelte";
import { REFERENCE } from "../test/fixtures";
import Summary from "./Summary.svelte";

beforeEach(() => setReference(REFERENCE));
afterEach(() => setReference(null));

function summary(month: string, extra: Partial<SummaryScreen> = {}): SummaryScreen {
  const amount = { mci: "70", tenge: "276 850 ₸" };
  return {
    month,
    first_day: `${month}-01`,
    last_day: `${month}-31`,
    arrivals: { families: 3, persons: 11 },
    registered: { families: 2, persons: 7 },
    by_country: [{ country: "CN", counts: { families: 2, persons: 7 } }],
    by_age: [
      { label: "doc-age-below_working_age", persons: 3 },
      { label: "doc-age-working_age", persons: 4 },
      { label: "doc-age-pension_age", persons: 0 },
    ],
    by_education: [{ label: "education-higher", persons: 2 }],
    late: [],
    statuses: null,
    quota: { year: 2026, quota: 860, used_before: 100, used_in_month: 7, used: 107, left: 753 },
    subsidies: [{ name_kk: "Көшуге арналған субсидия", name_ru: "Субсидия на переезд", accrued: amount, approved: amount, paid: { mci: "0", tenge: "0 ₸" } }],
    subsidies_total: { name_kk: "", name_ru: "", accrued: amount, approved: amount, paid: { mci: "0", tenge: "0 ₸" } },
    closed: null,
    over: true,
    can_close: true,
    closed_months: [],
    folder: "/docs",
    ...extra,
  };
}

describe("monthly summary", () => {
  it("shows last month's figures, saves the PDF and the XLSX and closes the month", async () => {
    const user = userEvent.setup();
    const calls: { command: string; args: unknown }[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "monthly_summary") return summary("2026-10");
      if (command === "issue_document") {
        const format = (args as { format: string }).format;
        return { number: "PVL01-2026-D00009", kind: "monthly_summary", duplicate: false, path: `/docs/PVL01-2026-D00009.${format}`, file_name: `PVL01-2026-D00009.${format}`, bytes: 9000 };
      }
      if (command === "close_month") return summary("2026-10", { closed: { closed_on: "2026-11-02", closed_by: "Марат Ахметов" }, closed_months: ["2026-10"] });
      return null;
    });
    render(Summary);
    expect(await screen.findByTestId("summary-arrived")).toHaveTextContent("3 отбасы · 11 адам");
    expect(calls[0]).toEqual({ command: "monthly_summary", args: { month: null } });
    expect(screen.getByTestId("summary-registered")).toHaveTextContent("2 отбасы · 7 адам");
    expect(screen.getByTestId("summary-countries")).toHaveTextContent("Қытай");
    expect(screen.getByTestId("summary-age")).toHaveTextContent("Еңбекке қабілетті жастағы");
    expect(screen.getByTestId("summary-quota")).toHaveTextContent("753");
    const subsidies = screen.getByTestId("summary-subsidies");
    expect(subsidies).toHaveTextContent("Көшуге арналған субсидия");
    expect(subsidies).toHaveTextContent("70 АЕК");
    expect(subsidies).toHaveTextContent("276 850 ₸");
    expect(within(subsidies).getAllByRole("row").at(-1)).toHaveTextContent("Барлығы");
    expect(screen.getByText("Бұл дерекқорда жүргізілмейді.")).toBeInTheDocument();

    await user.click(screen.getByTestId("summary-xlsx"));
    expect(await screen.findByTestId("doc-saved-path")).toHaveTextContent("/docs/PVL01-2026-D00009.xlsx");
    await user.click(screen.getByTestId("summary-pdf"));
    await waitFor(() => expect(screen.getByTestId("doc-saved-path")).toHaveTextContent("/docs/PVL01-2026-D00009.pdf"));
    const issued = calls.filter((c) => c.command === "issue_document").map((c) => c.args);
    expect(issued).toEqual([
      { kind: "monthly_summary", subject: "2026-10", format: "xlsx" },
      { kind: "monthly_summary", subject: "2026-10", format: "pdf" },
    ]);

    expect(screen.getByTestId("summary-state")).toHaveAttribute("data-closed", "false");
    await user.click(screen.getByTestId("summary-close"));
    await user.click(await screen.findByTestId("summary-close-confirm"));
    await waitFor(() => expect(screen.getByTestId("summary-state")).toHaveAttribute("data-closed", "true"));
    expect(screen.getByTestId("summary-state")).toHaveTextContent("Марат Ахметов");
    expect(screen.getByTestId("summary-notice")).toHaveTextContent("2026-10 айы жабылды.");
    expect(screen.queryByTestId("summary-close")).toBeNull();
    expect(calls.filter((c) => c.command === "close_month").map((c) => c.args)).toEqual([{ month: "2026-10" }]);
  });

  it("offers no closing to a clerk and none before the month is over", async () => {
    mockIPC((command, args) => {
      if (command === "monthly_summary") {
        const month = (args as { month: string | null }).month ?? "2026-10";
        return summary(month, month === "2026-11" ? { over: false } : { can_close: false });
      }
      return null;
    });
    const user = userEvent.setup();
    render(Summary);
    await screen.findByTestId("summary-figures");
    expect(screen.queryByTestId("summary-close")).toBeNull();
    await user.click(screen.getByTestId("summary-next"));
    await waitFor(() => expect(screen.getByTestId("summary-month")).toHaveValue("2026-11"));
    expect(screen.getByTestId("summary-close")).toBeDisabled();
    expect(screen.getByText("Ай аяқталғаннан кейін ғана жабылады.")).toBeInTheDocument();
  });

  it("steps months across years", () => {
    expect(stepMonth("2026-01", -1)).toBe("2025-12");
    expect(stepMonth("2026-12", 1)).toBe("2027-01");
    expect(stepMonth("2026-05", 0)).toBe("2026-05");
    expect(stepMonth("bad", 1)).toBe("bad");
  });
});
