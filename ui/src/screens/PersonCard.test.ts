// Tests of the person card: every field, the family, the status and quota, the history with what
// changed and why, and a correction refused for want of a reason that keeps what was typed.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setReference } from "../lib/reference.svelte";
import { setSession } from "../lib/session.svelte";
import { runCommand } from "../lib/shortcuts";
import { card, PERMISSIONS, REFERENCE, SESSION } from "../test/fixtures";
import PersonCard from "./PersonCard.svelte";

beforeEach(() => setReference(REFERENCE));
afterEach(() => {
  setReference(null);
  setSession(null);
});

describe("person card", () => {
  // The card counted the age itself and said 24 for someone born 2000-02-29 on 2025-02-28,
  // where the law (and Rust) say 25: it now shows the age Rust counted.
  it("shows the age Rust counted, also for someone born on 29 February", async () => {
    const leap = card();
    leap.today = "2025-02-28";
    leap.person = { ...leap.person, person: { ...leap.person.person, birth_date: "2000-02-29" } };
    leap.age = 25;
    mockIPC((command) => (command === "person_card" ? leap : null));
    render(PersonCard, { regno: "PVL01-2026-00001" });
    expect(await screen.findByTestId("card-age")).toHaveTextContent("25");
  });

  // Finding 6: a manager sees who looked at the person, newest first with the count of all; a
  // clerk's card comes without the log from Rust, and no panel shows.
  it("shows a manager who viewed, printed or exported, and a clerk nothing", async () => {
    const seen = card();
    seen.viewed_by = {
      total: 7,
      entries: [
        { at: "2026-11-25T09:33:00Z", login: "bolat", role: "manager", kind: "card", family_wide: false, detail: null },
        { at: "2026-11-25T09:32:00Z", login: "aigerim", role: "clerk", kind: "print", family_wide: true, detail: "PVL01-2026-D00001" },
      ],
    };
    mockIPC((command) => (command === "person_card" ? seen : null));
    const { unmount } = render(PersonCard, { regno: "PVL01-2026-00001" });
    const panel = await screen.findByTestId("card-viewed-by");
    expect(within(panel).getByTestId("viewed-by-count")).toHaveTextContent("7 ішінен 2");
    const items = within(panel).getAllByTestId("viewed-by-item");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("bolat");
    expect(items[0]).toHaveTextContent("карточкасын ашты");
    expect(items[1]).toHaveTextContent("aigerim");
    expect(items[1]).toHaveTextContent("басып шығарды");
    expect(items[1]).toHaveTextContent("PVL01-2026-D00001");
    expect(items[1]).toHaveTextContent("бүкіл отбасы");
    unmount();

    mockIPC((command) => (command === "person_card" ? card() : null));
    render(PersonCard, { regno: "PVL01-2026-00001" });
    expect(await screen.findByTestId("card-name")).toBeInTheDocument();
    expect(screen.queryByTestId("card-viewed-by")).toBeNull();
  });

  it("shows the person, the family, status, quota and the history of changes", async () => {
    mockIPC((command) => (command === "person_card" ? card() : null));
    render(PersonCard, { regno: "PVL01-2026-00001" });
    expect(await screen.findByTestId("card-name")).toHaveTextContent("Сейітқали Нұрсұлтан Болатұлы");
    expect(screen.getByTestId("card-latin")).toHaveTextContent("SEIITKALI NURSULTAN");
    expect(screen.getByTestId("card-iin")).toHaveTextContent("850412310211");
    expect(screen.getByTestId("card-status-state")).toHaveTextContent("Берілді");
    expect(screen.getByTestId("card-status")).toHaveTextContent("15 күн қалды");
    expect(screen.getByTestId("card-quota")).toHaveTextContent("Павлодар облысы: 2026 жылғы квота");
    expect(screen.getByTestId("card-quota")).toHaveTextContent("860");
    expect(screen.getByTestId("card-family")).toHaveTextContent("Сейітқали Әлия");

    const items = screen.getAllByTestId("history-item");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Деректер түзетілді");
    expect(items[0]).toHaveTextContent("aigerim");
    expect(within(items[0]!).getByTestId("history-reason")).toHaveTextContent("Себебі: Жаңа телефон нөмірі");
    const diff = within(items[0]!).getByTestId("history-diff");
    expect(diff).toHaveTextContent("Телефон");
    expect(diff).toHaveTextContent("+77015551234");
    expect(diff).toHaveTextContent("+77020000000");
    expect(items[1]).toHaveTextContent("Отбасы тіркелді");
    expect(items[1]).toHaveTextContent("admin");
  });

  it("refuses a correction without a reason and keeps what was typed", async () => {
    const user = userEvent.setup();
    const edits: unknown[] = [];
    mockIPC((command, args) => {
      if (command === "person_card") return card();
      if (command === "edit_person") {
        edits.push(args);
        const reason = (args as { reason: string }).reason;
        if (!reason.trim()) {
          throw { code: "store-invalid", message: null, args: { count: "1" }, fields: [{ field: "reason", code: "store-reason-required" }], duplicates: [] };
        }
        return card();
      }
      return null;
    });
    render(PersonCard, { regno: "PVL01-2026-00001" });
    await screen.findByTestId("card-name");
    runCommand("edit");
    const phone = await screen.findByLabelText("Телефон");
    await user.clear(phone);
    await user.type(phone, "+7 777 123 45 67");
    runCommand("save");

    expect(await screen.findByTestId("f-reason-error")).toHaveTextContent("Түзетудің себебін жазыңыз");
    expect(screen.getByLabelText("Телефон")).toHaveValue("+7 777 123 45 67");
    await waitFor(() => expect(screen.getByTestId("edit-reason")).toHaveFocus());

    await user.type(screen.getByTestId("edit-reason"), "Жаңа нөмір");
    await user.click(screen.getByTestId("edit-save"));
    expect(await screen.findByTestId("card-saved")).toHaveTextContent("Түзету сақталды.");
    expect(edits.at(-1)).toMatchObject({ regno: "PVL01-2026-00001", base_version: 2, reason: "Жаңа нөмір" });
  });

  it("says what to do when someone changed the record meanwhile", async () => {
    const user = userEvent.setup();
    mockIPC((command) => {
      if (command === "person_card") return card();
      if (command === "edit_person") {
        throw { code: "store-version-conflict", message: null, args: { entity: "person", id: "p1", expected: "2", found: "3" }, fields: [], duplicates: [] };
      }
      return null;
    });
    render(PersonCard, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("card-edit"));
    await user.type(screen.getByTestId("edit-reason"), "x");
    await user.click(screen.getByTestId("edit-save"));
    expect(await screen.findByTestId("edit-refusal")).toHaveTextContent("басқа біреу өзгертті");
    expect(screen.getByRole("button", { name: "Жазбаны қайта ашу" })).toBeInTheDocument();
  });

  it("finding 7: shows the consent, its term and a lapsed consent as lapsed, with the warning", async () => {
    setSession(SESSION);
    const inForce = card();
    mockIPC((command) => (command === "person_card" ? inForce : null));
    const view = render(PersonCard, { regno: "PVL01-2026-00001" });
    expect(await screen.findByTestId("card-consent-status")).toHaveTextContent("Келісім күшінде");
    expect(screen.getByTestId("card-consent-term")).toHaveTextContent("13.09.2031 дейін");
    expect(screen.getByTestId("card-consent")).toHaveTextContent("Қол қойылған қағаз нысан");
    expect(screen.queryByTestId("card-consent-warning")).not.toBeInTheDocument();
    view.unmount();

    const lapsed = card();
    lapsed.consent = { status: "lapsed", since: "2026-11-20" };
    mockIPC((command) => (command === "person_card" ? lapsed : null));
    render(PersonCard, { regno: "PVL01-2026-00001" });
    expect(await screen.findByTestId("card-consent-status")).toHaveTextContent("Келісім мерзімі 20.11.2026 өтті");
    expect(screen.getByTestId("card-consent-warning")).toHaveTextContent("жаңа құжат берілмейді");
  });

  it("finding 7: records a withdrawal from the card and shows it", async () => {
    const user = userEvent.setup();
    setSession(SESSION);
    const sent: unknown[] = [];
    const withdrawn = card();
    withdrawn.consent = { status: "withdrawn", since: "2026-11-20" };
    withdrawn.person.withdrawals = [
      { id: "w1", person_id: "p1", consent_id: "c1", withdrawn_on: "2026-11-20", method: "eds", received_by: "aigerim", note: "№17", version: 1 },
    ];
    mockIPC((command, args) => {
      if (command === "person_card") return card();
      if (command === "read_date") return { date: "2026-11-20", display: "20.11.2026" };
      if (command === "withdraw_consent") {
        sent.push(args);
        return withdrawn;
      }
      return null;
    });
    render(PersonCard, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("consent-withdraw"));
    await user.type(document.getElementById("f-withdrawn_on")!, "20.11.2026");
    await user.selectOptions(document.getElementById("f-method")!, "eds");
    await user.type(document.getElementById("f-note")!, "№17");
    await user.click(screen.getByTestId("consent-withdraw-save"));

    expect(await screen.findByText("Келісім 20.11.2026 кері қайтарылды")).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ regno: "PVL01-2026-00001", form: { withdrawn_on: "20.11.2026", method: "eds", note: "№17" } });
    const line = screen.getByTestId("card-consent-withdrawal");
    expect(line).toHaveTextContent("20.11.2026");
    expect(line).toHaveTextContent("Электрондық цифрлық қолтаңба");
    expect(line).toHaveTextContent("aigerim");
    expect(screen.getByTestId("card-consent-warning")).toBeInTheDocument();
    // Nothing left to withdraw.
    expect(screen.queryByTestId("consent-withdraw")).not.toBeInTheDocument();
  });

  it("finding 7: a manager saves everything held about the person and is told where; a clerk cannot", async () => {
    const user = userEvent.setup();
    setSession(SESSION);
    mockIPC((command) => {
      if (command === "person_card") return card();
      if (command === "export_person") {
        return { path: "/home/otau/Documents/person-PVL01-2026-00001-2026-11-25.json", file_name: "person-PVL01-2026-00001-2026-11-25.json", bytes: 4096 };
      }
      return null;
    });
    const view = render(PersonCard, { regno: "PVL01-2026-00001" });
    await screen.findByTestId("card-consent");
    expect(screen.queryByTestId("consent-export")).not.toBeInTheDocument();
    view.unmount();

    setSession({ ...SESSION, permissions: PERMISSIONS.manager });
    render(PersonCard, { regno: "PVL01-2026-00001" });
    await user.click(await screen.findByTestId("consent-export"));
    expect(await screen.findByTestId("consent-exported")).toHaveTextContent(
      "/home/otau/Documents/person-PVL01-2026-00001-2026-11-25.json",
    );
  });
});
