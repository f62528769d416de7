// Tests of the documents panel of a person card: issuing the certificate, the statement and a
// decision's document, the saved file with its "Open" button, and reprints of what was issued.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { DocumentRow, FamilyDocuments as Panel, SavedDocument } from "../../lib/api-documents";
import FamilyDocuments from "./FamilyDocuments.svelte";

const REGNO = "PVL01-2026-00001";

function row(number: string, extra: Partial<DocumentRow> = {}): DocumentRow {
  return {
    number,
    kind: "certificate",
    subject: REGNO,
    subject_name: "Сейітқали Нұрсұлтан Болатұлы",
    issued_on: "2026-11-25",
    issued_by: "Айгерім Сапарова",
    issued_login: "aigerim",
    duplicate: false,
    void: null,
    ...extra,
  };
}

function saved(number: string, extra: Partial<SavedDocument> = {}): SavedDocument {
  return {
    number,
    kind: "certificate",
    duplicate: false,
    path: `/home/a/Documents/Otau/${number}.pdf`,
    file_name: `${number}.pdf`,
    bytes: 41000,
    ...extra,
  };
}

describe("documents panel", () => {
  it("issues the certificate, shows where it was saved and opens it", async () => {
    const user = userEvent.setup();
    const calls: { command: string; args: unknown }[] = [];
    let documents: DocumentRow[] = [];
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === "family_documents") {
        const panel: Panel = {
          family_regno: REGNO,
          decisions: [{ number: "PVL01-S-2026-00003", subsidy: "relocation", decided_on: "2026-10-02" }],
          documents,
          folder: "/home/a/Documents/Otau",
        };
        return panel;
      }
      if (command === "issue_document") {
        documents = [row("PVL01-2026-D00007")];
        return saved("PVL01-2026-D00007");
      }
      return null;
    });
    render(FamilyDocuments, { regno: REGNO });
    expect(await screen.findByText("Бұл отбасына әлі құжат берілмеген.")).toBeInTheDocument();
    expect(screen.getByTestId("doc-decision")).toHaveTextContent("PVL01-S-2026-00003");
    expect(screen.getByTestId("doc-decision")).toHaveTextContent("Көшуге арналған субсидия");

    await user.click(screen.getByTestId("doc-issue-certificate"));
    expect(await screen.findByTestId("doc-saved")).toHaveTextContent("Тіркеу туралы анықтама PVL01-2026-D00007 сақталды");
    expect(screen.getByTestId("doc-saved-path")).toHaveTextContent("/home/a/Documents/Otau/PVL01-2026-D00007.pdf");
    expect(calls.find((c) => c.command === "issue_document")?.args).toEqual({ kind: "certificate", subject: REGNO, format: "pdf" });
    const issued = await screen.findByTestId("doc-row");
    expect(issued).toHaveTextContent("PVL01-2026-D00007");
    expect(within(issued).getByTestId("doc-status")).toHaveTextContent("Берілді");

    await user.click(screen.getByTestId("doc-open"));
    await waitFor(() => expect(calls.at(-1)).toEqual({ command: "open_document", args: { path: "/home/a/Documents/Otau/PVL01-2026-D00007.pdf" } }));

    await user.click(screen.getByTestId("doc-issue-decision"));
    await waitFor(() =>
      expect(calls.filter((c) => c.command === "issue_document").at(-1)?.args).toEqual({ kind: "decision", subject: "PVL01-S-2026-00003", format: "pdf" }),
    );
  });

  it("reprints a document as a duplicate and never offers to reprint a voided one", async () => {
    const user = userEvent.setup();
    const reprints: unknown[] = [];
    mockIPC((command, args) => {
      if (command === "family_documents") {
        return {
          family_regno: REGNO,
          decisions: [],
          documents: [
            row("PVL01-2026-D00002"),
            row("PVL01-2026-D00001", { void: { voided_on: "2026-11-26", voided_by: "bolat", reason: "Қате" } }),
          ],
          folder: null,
        } satisfies Panel;
      }
      if (command === "reprint_document") {
        reprints.push(args);
        return saved("PVL01-2026-D00002", { duplicate: true, file_name: "PVL01-2026-D00002-duplicate.pdf", path: "/d/PVL01-2026-D00002-duplicate.pdf" });
      }
      return null;
    });
    render(FamilyDocuments, { regno: REGNO });
    const rows = await screen.findAllByTestId("doc-row");
    expect(within(rows[1]!).getByTestId("doc-status")).toHaveTextContent("Күші жойылды");
    expect(within(rows[1]!).queryByTestId("doc-reprint")).toBeNull();
    await user.click(within(rows[0]!).getByTestId("doc-reprint"));
    expect(await screen.findByTestId("doc-saved")).toHaveTextContent("PVL01-2026-D00002 телнұсқасы сақталды");
    expect(reprints).toEqual([{ number: "PVL01-2026-D00002", format: "pdf" }]);
  });

  it("shows a refusal in the user's language", async () => {
    const user = userEvent.setup();
    mockIPC((command) => {
      if (command === "family_documents") return { family_regno: REGNO, decisions: [], documents: [], folder: null } satisfies Panel;
      if (command === "issue_document") throw { code: "ui-documents-err-no-folder", message: null, args: {}, fields: [], duplicates: [] };
      return null;
    });
    render(FamilyDocuments, { regno: REGNO });
    await user.click(await screen.findByTestId("doc-issue-statement"));
    expect(await screen.findByTestId("doc-error")).toHaveTextContent("Құжаттар қалтасы белгісіз");
  });
});
