// Typed wrappers of the document commands (issuing, reprinting, opening a saved file, the
// register, voids, checking a QR code, the monthly summary and closing a month), in the manner
// of `api.ts`: screens import these, never `invoke`.
import * as commands from "./bindings/commands";
import type { DocFormat } from "./bindings/DocFormat";
import type { DocumentRow } from "./bindings/DocumentRow";
import type { FamilyDocuments } from "./bindings/FamilyDocuments";
import type { IssueKind } from "./bindings/IssueKind";
import type { RegisterScreen } from "./bindings/RegisterScreen";
import type { SavedDocument } from "./bindings/SavedDocument";
import type { SummaryScreen } from "./bindings/SummaryScreen";
import type { VerifyResult } from "./bindings/VerifyResult";

export type { DocFormat, DocumentRow, FamilyDocuments, IssueKind, RegisterScreen, SavedDocument, SummaryScreen, VerifyResult };

/** Issues a document and saves it in the documents folder: `subject` is a registration number,
 *  a decision number or a month (`YYYY-MM`). */
export function issueDocument(kind: IssueKind, subject: string, format: DocFormat = "pdf"): Promise<SavedDocument> {
  return commands.issue_document({ kind, subject, format });
}

/** Reprints a document as a duplicate. */
export function reprintDocument(number: string, format: DocFormat = "pdf"): Promise<SavedDocument> {
  return commands.reprint_document({ number, format });
}

/** Opens a saved document in the system's viewer. */
export function openDocument(path: string): Promise<void> {
  return commands.open_document({ path });
}

/** The documents panel of a person card. */
export function familyDocuments(regno: string): Promise<FamilyDocuments> {
  return commands.family_documents({ regno });
}

/** The register, narrowed by a search. */
export function documentRegister(query: string, limit = 200): Promise<RegisterScreen> {
  return commands.document_register({ query, limit });
}

/** Voids a document with a reason. */
export function voidDocument(number: string, reason: string): Promise<DocumentRow> {
  return commands.void_document({ number, reason });
}

/** Checks the text of a paper's QR code. */
export function verifyDocument(payload: string): Promise<VerifyResult> {
  return commands.verify_document({ payload });
}

/** The monthly summary of a month (`YYYY-MM`; none: last month). */
export function monthlySummary(month: string | null): Promise<SummaryScreen> {
  return commands.monthly_summary({ month });
}

/** Closes a month. */
export function closeMonth(month: string): Promise<SummaryScreen> {
  return commands.close_month({ month });
}

/** The month before or after `month` (`YYYY-MM`), for stepping through months. */
export function stepMonth(month: string, by: number): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + by;
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, "0")}`;
}
