// Tests of the documents screen: the register searched as one types, voiding with a required
// reason (offered only to those who may), and checking a QR code's text with a translated verdict.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { DocumentRow, RegisterScreen, VerifyResult } from "../lib/api-documents";
import { setLang } from "../lib/i18n";
import Documents from "./Documents.svelte";

function row(number: string, extra: Partial<DocumentRow> = {}): DocumentRow {
  return {
    number,
    kind: "certificate",
    subject: "PVL01-2026-00001",
    subject_name: "Сейітқали Нұрсұлтан Болатұлы",
    issued_on: "2026-11-25",
    issued_by: "Айгерім Сапарова",
    issued_login: "aigerim",
    duplicate: false,
    void: null,
    ...extra,
  };
}

function register(query: string, rows: DocumentRow[], canVoid: boolean): RegisterScreen {
  return { query, rows, can_void: canVoid, folder: "/docs" };
}

describe("documents screen", () => {
  it("searches the register as one types and offers no void to a clerk", async () => {
    const user = userEvent.setup();
    const queries: string[] = [];
    mockIPC((command, args) => {
      if (command === "document_register") {
        const query = (args as { query: string }).query;
        queries.push(query);
        const all = [row("PVL01-2026-D00002", { kind: "monthly_summary", subject: "2026-10", subject_name: null }), row("PVL01-2026-D00001")];
        return register(query, query ? all.slice(1) : all, false);
      }
      return null;
    });
    render(Documents);
    expect(await screen.findAllByTestId("doc-register-row")).toHaveLength(2);
    expect(screen.getByTestId("doc-count")).toHaveTextContent("2 жол");
    expect(screen.getAllByTestId("doc-register-row")[0]).toHaveTextContent("Айлық жиынтық есеп");
    expect(screen.queryByTestId("doc-void")).toBeNull();

    await user.type(screen.getByTestId("doc-search"), "Сейітқали");
    await waitFor(() => expect(screen.getAllByTestId("doc-register-row")).toHaveLength(1));
    expect(queries.at(-1)).toBe("Сейітқали");
    expect(screen.getByTestId("doc-register-row")).toHaveTextContent("Сейітқали Нұрсұлтан Болатұлы");
  });

  it("voids with a required reason and keeps the voided line with its reason", async () => {
    const user = userEvent.setup();
    const voids: unknown[] = [];
    let rows = [row("PVL01-2026-D00001")];
    mockIPC((command, args) => {
      if (command === "document_register") return register("", rows, true);
      if (command === "void_document") {
        voids.push(args);
        const voided = row("PVL01-2026-D00001", { void: { voided_on: "2026-11-26", voided_by: "marat", reason: "Аты қате" } });
        rows = [voided];
        return voided;
      }
      return null;
    });
    render(Documents);
    await user.click(await screen.findByTestId("doc-void"));
    await user.click(screen.getByTestId("void-confirm"));
    expect(screen.getByTestId("void-error")).toHaveTextContent("Күшін жою себебін жазыңыз.");
    expect(voids).toEqual([]);

    await user.type(screen.getByTestId("void-reason"), "Аты қате");
    await user.click(screen.getByTestId("void-confirm"));
    expect(await screen.findByTestId("doc-notice")).toHaveTextContent("PVL01-2026-D00001 құжатының күші жойылды.");
    expect(voids).toEqual([{ number: "PVL01-2026-D00001", reason: "Аты қате" }]);
    const line = await screen.findByTestId("doc-register-row");
    await waitFor(() => expect(within(line).getByTestId("doc-status")).toHaveTextContent("Күші жойылды"));
    expect(within(line).getByTestId("doc-void-reason")).toHaveTextContent("Аты қате");
    expect(within(line).queryByTestId("doc-void")).toBeNull();
  });

  it("says which office voided another office's paper, and as of which exchange", async () => {
    const user = userEvent.setup();
    const verdict: VerifyResult = {
      status: "voided",
      reason: null,
      number: "DEMO01-2026-D00004",
      kind: "certificate",
      issued_on: "2026-11-25",
      office: "DEMO01",
      office_name: "Павлодар",
      register: null,
      subject: "Тест Нұрлан, 02.03.1984",
      voided_by_office: "DEMO01",
      voided_on: "2026-12-01",
      as_of: null,
    };
    mockIPC((command) => {
      if (command === "document_register") return register("", [], false);
      if (command === "verify_document") return verdict;
      return null;
    });
    render(Documents);
    await user.type(screen.getByTestId("verify-payload"), "code");
    await user.click(screen.getByTestId("verify-run"));
    expect(await screen.findByTestId("verify-voided-by")).toHaveTextContent("DEMO01 кеңсесі 01.12.2026 күшін жойған");
    expect(screen.getByTestId("verify-as-of")).toHaveTextContent("орталықпен әлі алмаспаған");
  });

  it("checks a QR text and says the verdict in the chosen language", async () => {
    const user = userEvent.setup();
    const verdict: VerifyResult = {
      status: "voided",
      reason: null,
      number: "PVL01-2026-D00001",
      kind: "certificate",
      issued_on: "2026-11-25",
      office: "PVL01",
      office_name: "Павлодар облыстық бейімдеу орталығы",
      register: row("PVL01-2026-D00001", { void: { voided_on: "2026-11-26", voided_by: "marat", reason: "Аты қате" } }),
      subject: "Сейітқали Нұрсұлтан Болатұлы, 12.04.1985",
      voided_by_office: null,
      voided_on: null,
      as_of: "2026-12-06T09:00:00.000Z",
    };
    mockIPC((command, args) => {
      if (command === "document_register") return register("", [], false);
      if (command === "verify_document") return (args as { payload: string }).payload === "good" ? verdict : { ...verdict, status: "tampered", reason: "malformed", number: null, register: null };
      return null;
    });
    render(Documents);
    await user.type(screen.getByTestId("verify-payload"), "good");
    await user.click(screen.getByTestId("verify-run"));
    const result = await screen.findByTestId("verify-result");
    expect(result).toHaveAttribute("data-status", "voided");
    expect(result).toHaveTextContent("Күші жойылған");
    expect(result).toHaveTextContent("PVL01-2026-D00001");
    expect(screen.getByTestId("verify-subject")).toHaveTextContent("Сейітқали Нұрсұлтан Болатұлы, 12.04.1985");
    expect(screen.getByTestId("verify-as-of")).toHaveTextContent("Орталықпен соңғы алмасу бойынша");

    setLang("ru");
    try {
      await user.clear(screen.getByTestId("verify-payload"));
      await user.type(screen.getByTestId("verify-payload"), "bad");
      await user.click(screen.getByTestId("verify-run"));
      await waitFor(() => expect(screen.getByTestId("verify-result")).toHaveAttribute("data-status", "tampered"));
      expect(screen.getByTestId("verify-result")).toHaveTextContent("Недействителен");
      expect(screen.getByTestId("verify-result")).toHaveTextContent("Это не код документа Otau.");
    } finally {
      setLang("kk");
    }
  });
});
