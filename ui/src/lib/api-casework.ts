// The case-work commands: wrappers around the functions generated in `./bindings/commands.ts` for
// the card's status and quota panel, the family's adaptation plan and the office-wide screen.
import * as commands from "./bindings/commands";
import type { CaseworkPanel } from "./bindings/CaseworkPanel";
import type { CaseworkScreen } from "./bindings/CaseworkScreen";
import type { EndForm } from "./bindings/EndForm";
import type { ExtendForm } from "./bindings/ExtendForm";
import type { InclusionForm } from "./bindings/InclusionForm";
import type { PlanItemForm } from "./bindings/PlanItemForm";
import type { PlanItemState } from "./bindings/PlanItemState";
import type { PlanScreen } from "./bindings/PlanScreen";
import type { QuotaForm } from "./bindings/QuotaForm";
import type { ServiceForm } from "./bindings/ServiceForm";
import type { StatusForm } from "./bindings/StatusForm";
import type { StayForm } from "./bindings/StayForm";

export type {
  CaseworkPanel,
  CaseworkScreen,
  EndForm,
  ExtendForm,
  InclusionForm,
  PlanItemForm,
  PlanItemState,
  PlanScreen,
  QuotaForm,
  ServiceForm,
  StatusForm,
  StayForm,
};

/** The case-work panel of a person card. */
export function caseworkPanel(regno: string): Promise<CaseworkPanel> {
  return commands.casework_panel({ regno });
}

/** Records the stages of a status decision. */
export function recordStatus(regno: string, form: StatusForm): Promise<CaseworkPanel> {
  return commands.record_status({ regno, form });
}

/** Extends a status once (the length is reference data). */
export function extendStatus(regno: string, form: ExtendForm): Promise<CaseworkPanel> {
  return commands.extend_status({ regno, form });
}

/** Ends a status. */
export function endStatus(regno: string, form: EndForm): Promise<CaseworkPanel> {
  return commands.end_status({ regno, form });
}

/** Includes the family in its region's quota. */
export function includeInQuota(regno: string, form: InclusionForm): Promise<CaseworkPanel> {
  return commands.include_in_quota({ regno, form });
}

/** The family's adaptation plan. */
export function planScreen(regno: string): Promise<PlanScreen> {
  return commands.plan_screen({ regno });
}

/** Adds an item to the family's plan. */
export function addPlanItem(regno: string, form: PlanItemForm): Promise<PlanScreen> {
  return commands.add_plan_item({ regno, form });
}

/** Changes the state of a plan item. */
export function updatePlanItem(regno: string, number: number, state: PlanItemState): Promise<PlanScreen> {
  return commands.update_plan_item({ regno, number, state });
}

/** Records a service given. */
export function recordService(regno: string, form: ServiceForm): Promise<PlanScreen> {
  return commands.record_service({ regno, form });
}

/** Sets the family's stay. */
export function setStay(regno: string, form: StayForm): Promise<PlanScreen> {
  return commands.set_stay({ regno, form });
}

/** The office-wide case-work screen for a year (default: this year). */
export function caseworkScreen(year: number | null = null): Promise<CaseworkScreen> {
  return commands.casework_screen({ year });
}

/** Sets a region's quota for a year from a date. */
export function setQuota(form: QuotaForm): Promise<CaseworkScreen> {
  return commands.set_quota({ form });
}
