// Tests of importing a spreadsheet against a mocked Rust side: the chosen file's name and bytes
// handed over, the suggested mapping with the file's values, a refused check naming the field
// that lacks a column, a default given and the dry run's figures and refused rows in words, the
// refused rows saved, the import with its progress bar and the families registered, and a
// stopped import that says nothing was imported.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { ImportOpened } from "../lib/bindings/ImportOpened";
import type { ImportOutcome } from "../lib/bindings/ImportOutcome";
import { DEFAULT_LANG, setLang } from "../lib/i18n";
import Import from "./Import.svelte";

afterEach(() => setLang(DEFAULT_LANG));

interface Call {
  command: string;
  args: Record<string, unknown>;
}

const OPENED: ImportOpened = {
  file_name: "register 2025.xlsx",
  bytes: 48_213,
  sheets: ["2025"],
  rows: 500,
  columns: [
    { heading: "Отбасы №", samples: ["1", "2", "3"] },
    { heading: "Тегі", samples: ["Омаров", "Сейітқали", "Ахметова"] },
  ],
  setup: { sheet: null, header_row: 1, family_key: "Отбасы №", columns: { surname: "Тегі" }, defaults: {} },
  fields: [
    { field: "surname", label: "surname", required: true, per_family: false },
    { field: "settlement", label: "settlement", required: true, per_family: true },
  ],
};

function outcome(dryRun: boolean): ImportOutcome {
  return {
    dry_run: dryRun,
    rows: 500,
    families: [
      { rows: "2–5", head: "Омаров Бақыт", members: 4, regno: dryRun ? null : "PVL01-2026-F00001" },
      { rows: "6", head: "Сейітқали Нұрсұлтан", members: 1, regno: dryRun ? null : "PVL01-2026-F00002" },
    ],
    persons: 5,
    already_registered: [],
    refused: [
      {
        row: 7,
        family_key: "3",
        problems: [{ field: "birth_date", column: "Туған күні", code: "import-bad-date", args: { value: "31.02.1990" } }],
      },
      {
        row: 8,
        family_key: "3",
        problems: [{ field: null, column: null, code: "import-family-refused", args: { row: "7" } }],
      },
    ],
    refused_families: 1,
  };
}

function backend(answer: (call: Call) => unknown, calls: Call[] = []) {
  mockIPC((command, args) => {
    const call = { command, args: (args ?? {}) as Record<string, unknown> };
    calls.push(call);
    const own = answer(call);
    if (own !== undefined) return own;
    if (command === "import_open") return OPENED;
    if (command === "import_progress") return { running: true, dry_run: false, stage: "registering", done: 1, total: 2, stopping: false };
    return null;
  });
}

async function choose(user: ReturnType<typeof userEvent.setup>) {
  const file = new File(["Тегі;Аты\n"], "register 2025.xlsx");
  await user.upload(screen.getByTestId("import-file-input"), file);
  await screen.findByTestId("import-mapping");
}

describe("importing a spreadsheet", () => {
  it("hands the chosen file over and shows the suggested mapping with the file's values", async () => {
    const user = userEvent.setup();
    setLang("en");
    const calls: Call[] = [];
    backend(() => undefined, calls);
    render(Import);
    await choose(user);
    const open = calls.find((c) => c.command === "import_open");
    expect(open?.args.file_name).toBe("register 2025.xlsx");
    expect(atob(String(open?.args.content_base64))).toBe(new TextEncoder().encode("Тегі;Аты\n").reduce((s, b) => s + String.fromCharCode(b), ""));
    expect(screen.getByTestId("import-opened")).toHaveTextContent("register 2025.xlsx");
    expect(screen.getByTestId("import-opened")).toHaveTextContent("500 rows, 2 columns");
    expect(screen.getByTestId("import-column-surname")).toHaveValue("Тегі");
    expect(screen.getByTestId("import-family-key")).toHaveValue("Отбасы №");
    const surname = screen.getAllByTestId("import-field").find((r) => r.dataset.field === "surname");
    expect(surname).toHaveTextContent("Омаров · Сейітқали · Ахметова");
  });

  it("names the field a refused check lacks, then checks with a default and saves the refused rows", async () => {
    const user = userEvent.setup();
    setLang("en");
    const calls: Call[] = [];
    backend((c) => {
      if (c.command === "import_check") {
        const setup = c.args.setup as { defaults: Record<string, string> };
        if (!setup.defaults.settlement) {
          throw {
            code: "store-invalid",
            message: null,
            args: { count: "1" },
            fields: [{ field: "settlement", code: "import-field-unmapped", args: { field: "settlement" } }],
            duplicates: [],
          };
        }
        return outcome(true);
      }
      if (c.command === "import_save_refused") return { path: "/home/aigerim/Otau/register 2025-refused.xlsx", file_name: "register 2025-refused.xlsx", rows: 2 };
      return undefined;
    }, calls);
    render(Import);
    await choose(user);
    await user.click(screen.getByTestId("import-check"));
    await screen.findByTestId("import-refusal");
    const settlement = screen.getAllByTestId("import-field").find((r) => r.dataset.field === "settlement");
    expect(settlement).toHaveTextContent("The field Town or village has neither a column nor a default");
    expect(screen.getByTestId("import-column-settlement")).toHaveAttribute("aria-invalid", "true");

    await user.type(screen.getByTestId("import-default-settlement"), "Павлодар");
    await user.click(screen.getByTestId("import-check"));
    await screen.findByTestId("import-outcome");
    expect(screen.queryByTestId("import-refusal")).toBeNull();
    expect(screen.getByTestId("import-families")).toHaveTextContent("2 families, 5 persons");
    expect(screen.getByTestId("import-refused-count")).toHaveTextContent("2 rows in 1 family");
    const rows = screen.getAllByTestId("import-refused-row");
    expect(rows[0]).toHaveTextContent("Date of birth: \"31.02.1990\" is not a date");
    expect(rows[1]).toHaveTextContent("Row 7 of the same family is refused");
    expect(screen.getByTestId("import-run")).toHaveTextContent("Import 2 families");

    await user.click(screen.getByTestId("import-save-refused"));
    expect(await screen.findByTestId("import-refused-saved")).toHaveTextContent("register 2025-refused.xlsx");
    expect(calls.find((c) => c.command === "import_save_refused")?.args.lang).toBe("en");

    // A mapping changed after the check must be checked again before it imports.
    await user.selectOptions(screen.getByTestId("import-column-surname"), "");
    expect(screen.queryByTestId("import-run")).toBeNull();
    expect(screen.getByTestId("import-changed")).toBeInTheDocument();
  });

  it("imports with a progress bar, then lists the families registered", async () => {
    const user = userEvent.setup();
    setLang("en");
    let finish: (value: unknown) => void = () => {};
    backend((c) => {
      if (c.command === "import_check") return outcome(true);
      if (c.command === "import_run") return new Promise((resolve) => (finish = resolve));
      return undefined;
    });
    render(Import);
    await choose(user);
    await user.type(screen.getByTestId("import-default-settlement"), "Павлодар");
    await user.click(screen.getByTestId("import-check"));
    await user.click(await screen.findByTestId("import-run"));
    const bar = await screen.findByRole("progressbar");
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "50"));
    expect(screen.getByTestId("import-progress")).toHaveTextContent("Registering family 1 of 2");
    finish(outcome(false));
    await waitFor(() => expect(screen.getByTestId("import-outcome")).toHaveTextContent("What was imported"));
    const done = screen.getByTestId("import-outcome");
    expect(screen.queryByTestId("import-progress")).toBeNull();
    expect(within(done).getAllByTestId("import-family")[0]).toHaveTextContent("PVL01-2026-F00001");
    expect(screen.queryByTestId("import-run")).toBeNull();
  });

  it("stops an import on request and says nothing was imported", async () => {
    const user = userEvent.setup();
    setLang("en");
    let fail: (reason: unknown) => void = () => {};
    const calls: Call[] = [];
    backend((c) => {
      if (c.command === "import_check") return outcome(true);
      if (c.command === "import_run") return new Promise((_, reject) => (fail = reject));
      if (c.command === "import_cancel") return { running: true, dry_run: false, stage: "registering", done: 1, total: 2, stopping: true };
      return undefined;
    }, calls);
    render(Import);
    await choose(user);
    await user.type(screen.getByTestId("import-default-settlement"), "Павлодар");
    await user.click(screen.getByTestId("import-check"));
    await user.click(await screen.findByTestId("import-run"));
    await user.click(await screen.findByTestId("import-stop"));
    expect(calls.some((c) => c.command === "import_cancel")).toBe(true);
    await waitFor(() => expect(screen.getByTestId("import-progress")).toHaveTextContent("Stopping after the family at hand"));
    fail({ code: "store-cancelled", message: null, args: {}, fields: [], duplicates: [] });
    expect(await screen.findByTestId("import-stopped")).toHaveTextContent("nothing was imported");
    expect(screen.queryByTestId("import-refusal")).toBeNull();
  });
});
