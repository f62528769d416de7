// Typed wrappers of the scans of a person's identity documents (attach one chosen in the window,
// open one whole, take one off the card), in the manner of `api.ts`: screens import these, never
// `invoke`.
import * as commands from "./bindings/commands";
import type { PersonCard } from "./bindings/PersonCard";
import type { ScanFile } from "./bindings/ScanFile";
import type { ScanView } from "./bindings/ScanView";
import { base64Of, bytesOf } from "./api-import";

export type { ScanFile, ScanView };

/** The largest file kept as a scan, in bytes (Rust checks it again, with the content). */
export const MAX_SCAN_BYTES = 4 * 1024 * 1024;

/** The file types the file chooser offers. */
export const SCAN_TYPES = "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf";

/** Attaches the chosen file to one of the person's documents; the card as it then stands. */
export async function attachScan(regno: string, documentId: string, file: File): Promise<PersonCard> {
  const bytes = await bytesOf(file);
  return commands.attach_scan({
    regno,
    document_id: documentId,
    file_name: file.name,
    content_base64: base64Of(bytes),
  });
}

/** A scan whole, to be shown. */
export function openScan(scanId: string): Promise<ScanFile> {
  return commands.open_scan({ scan_id: scanId });
}

/** Takes a scan off the card; the card as it then stands. */
export function removeScan(scanId: string): Promise<PersonCard> {
  return commands.remove_scan({ scan_id: scanId });
}
