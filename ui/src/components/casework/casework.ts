// Helpers shared by the case-work panel and screens: the problems the Rust side reports placed
// by field (with wording for the window where the library's message speaks of command-line
// options), and the tone of a status badge. Nothing here judges a value.
import type { FieldError } from "../../lib/bindings/FieldError";
import type { StatusState } from "../../lib/bindings/StatusState";
import { formatDate } from "../../lib/format";
import { hasMessage } from "../../lib/i18n";
import { regionName } from "../../lib/reference.svelte";

/**
 * A problem worded for the window when `ui-casework-<code>` exists, else as the library says;
 * a region named by its code is named in words and dates are shown as the forms show them.
 */
export function windowProblem(problem: FieldError): FieldError {
  const id = `ui-casework-${problem.code}`;
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(problem.args ?? {})) {
    if (value === undefined) continue;
    args[key] = key === "region" ? regionName(value) : formatDate(value);
  }
  return { ...problem, code: hasMessage("kk", id) ? id : problem.code, args };
}

/** The problems of one field. */
export function problemsOf(problems: readonly FieldError[], field: string): FieldError[] {
  return problems.filter((p) => p.field === field).map(windowProblem);
}

/** The problems of fields a form does not show (e.g. a stage recorded before), to list apart. */
export function otherProblems(problems: readonly FieldError[], shown: readonly string[]): FieldError[] {
  return problems.filter((p) => !shown.includes(p.field)).map(windowProblem);
}

/** The badge style of a status state. */
export function statusTone(state: StatusState["state"] | undefined): string {
  switch (state) {
    case "granted":
    case "extended":
      return "badge-success";
    case "applied":
    case "recommended":
      return "badge-accent";
    case "refused":
    case "expired":
    case "ended":
    case "ended_by_citizenship":
      return "badge-danger";
    default:
      return "";
  }
}
