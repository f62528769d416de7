// What links two records of two offices, said in words (the same IIN, the same document, the
// same name and birth date), from the key Rust has read into its parts: shared by the cases of
// the same person in two offices and of the same subsidy paid in two offices.
import { formatDate, label } from "./format";
import { t } from "./i18n";

/** The parts of a shared key as the application API gives them. */
export interface SharedKey {
  key_kind: string;
  key_value: string;
  key_document: string | null;
  key_birth_date: string | null;
}

/** "The same IIN: …", "The same document: Passport …", "The same name and birth date (…)". */
export function sharedKeyText(key: SharedKey): string {
  if (key.key_kind === "iin") return t("ui-cross-shared-iin", { value: key.key_value });
  if (key.key_kind === "doc") {
    return t("ui-cross-shared-doc", { document: label("document_kind", key.key_document), value: key.key_value });
  }
  return t("ui-cross-shared-name", { date: formatDate(key.key_birth_date) });
}
