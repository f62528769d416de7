// Typed wrappers of importing a spreadsheet (open the file, read it again, the dry run, the
// import with its progress and stop, the refused rows saved), in the manner of `api.ts`: screens
// import these, never `invoke`.
import * as commands from "./bindings/commands";
import type { ImportOpened } from "./bindings/ImportOpened";
import type { ImportOutcome } from "./bindings/ImportOutcome";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportSetup } from "./bindings/ImportSetup";
import type { Lang } from "./bindings/Lang";
import type { RefusedRowsFile } from "./bindings/RefusedRowsFile";

export type { ImportOpened, ImportOutcome, ImportProgress, ImportSetup, RefusedRowsFile };

/** The bytes of a file as base64, in slices (a spreadsheet of megabytes would overflow
 *  `String.fromCharCode(...all)`). */
export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  const slice = 0x8000;
  for (let i = 0; i < bytes.length; i += slice) {
    binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  }
  return btoa(binary);
}

/** The bytes of a chosen file (through a `FileReader`, which every webview has). */
export function bytesOf(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("the file cannot be read"));
    reader.readAsArrayBuffer(file);
  });
}

/** Opens the file the clerk chose: its columns and the mapping suggested from its headings. */
export async function openSpreadsheet(file: File): Promise<ImportOpened> {
  const bytes = await bytesOf(file);
  return commands.import_open({ file_name: file.name, content_base64: base64Of(bytes) });
}

/** The open file read again on another sheet or with its headings in another row. */
export function rereadSpreadsheet(sheet: string | null, headerRow: number): Promise<ImportOpened> {
  return commands.import_reread({ sheet, header_row: headerRow });
}

/** The dry run: what the import would do, every refused row with why. */
export function checkImport(setup: ImportSetup): Promise<ImportOutcome> {
  return commands.import_check({ setup });
}

/** The import itself; `importProgress` says how far it is, `cancelImport` stops it. */
export function runImport(setup: ImportSetup): Promise<ImportOutcome> {
  return commands.import_run({ setup });
}

/** How far the check or import under way is. */
export function importProgress(): Promise<ImportProgress> {
  return commands.import_progress();
}

/** Stops the check or import under way: nothing of a stopped import is written. */
export function cancelImport(): Promise<ImportProgress> {
  return commands.import_cancel();
}

/** Closes the open file: the app forgets it. */
export function closeImport(): Promise<void> {
  return commands.import_close();
}

/** Saves the rows the last check refused as a spreadsheet in the documents folder. */
export function saveRefusedRows(lang: Lang): Promise<RefusedRowsFile> {
  return commands.import_save_refused({ lang });
}

/** Opens the refused rows' spreadsheet saved last. */
export function openRefusedRows(): Promise<void> {
  return commands.import_open_refused();
}
