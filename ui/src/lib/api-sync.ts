// Typed wrappers of the sync commands (the status, sync now, enrolling this database, joining an
// office on a new install, conflicts and review cases, packets on a USB stick, the same person in
// two offices, the same subsidy paid in two offices), in the manner of `api.ts`: screens import
// these, never `invoke`.
import * as commands from "./bindings/commands";
import type { CaseDecision } from "./bindings/CaseDecision";
import type { CaseItem } from "./bindings/CaseItem";
import type { CasesScreen } from "./bindings/CasesScreen";
import type { ConflictChoice } from "./bindings/ConflictChoice";
import type { ConflictItem } from "./bindings/ConflictItem";
import type { ConflictsScreen } from "./bindings/ConflictsScreen";
import type { CrossCaseItem } from "./bindings/CrossCaseItem";
import type { CrossCasesScreen } from "./bindings/CrossCasesScreen";
import type { CrossChoice } from "./bindings/CrossChoice";
import type { CrossDecisionItem } from "./bindings/CrossDecisionItem";
import type { PaidItem } from "./bindings/PaidItem";
import type { PaymentCaseItem } from "./bindings/PaymentCaseItem";
import type { PaymentCasesScreen } from "./bindings/PaymentCasesScreen";
import type { PaymentDecision } from "./bindings/PaymentDecision";
import type { PacketExported } from "./bindings/PacketExported";
import type { PacketImported } from "./bindings/PacketImported";
import type { PacketPlaces } from "./bindings/PacketPlaces";
import type { PacketProgress } from "./bindings/PacketProgress";
import type { EnrolForm } from "./bindings/EnrolForm";
import type { JoinForm } from "./bindings/JoinForm";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { SideView } from "./bindings/SideView";
import type { SyncPanel } from "./bindings/SyncPanel";
import type { SyncReport } from "./bindings/SyncReport";

export type {
  CaseDecision,
  CaseItem,
  CasesScreen,
  ConflictChoice,
  ConflictItem,
  ConflictsScreen,
  CrossCaseItem,
  CrossCasesScreen,
  CrossChoice,
  CrossDecisionItem,
  EnrolForm,
  JoinForm,
  PacketExported,
  PacketImported,
  PacketPlaces,
  PacketProgress,
  PaidItem,
  PaymentCaseItem,
  PaymentCasesScreen,
  PaymentDecision,
  SideView,
  SyncPanel,
  SyncReport,
};

/** Sync as the sidebar and the sync screen show it. */
export function syncStatus(): Promise<SyncPanel> {
  return commands.sync_status();
}

/** Asks for a sync now; the answer comes at once, with the sync under way. */
export function syncNow(): Promise<SyncPanel> {
  return commands.sync_now();
}

/** Enrols this office database with its centre (administrators). */
export function enrolDevice(form: EnrolForm): Promise<SyncPanel> {
  return commands.enrol_device({ form });
}

/** Joins an office on a new install; answers the administrator's session. */
export function joinOffice(form: JoinForm): Promise<SessionInfo> {
  return commands.join_office({ form });
}

/** The conflicts (resolved ones too when `all`). */
export function syncConflicts(all = false): Promise<ConflictsScreen> {
  return commands.sync_conflicts({ all });
}

/** Resolves a conflict with a reason. */
export function resolveConflict(id: string, choice: ConflictChoice, reason: string): Promise<ConflictsScreen> {
  return commands.resolve_conflict({ id, choice, reason });
}

/** The review cases (decided ones too when `all`). */
export function reviewCases(all = false): Promise<CasesScreen> {
  return commands.review_cases({ all });
}

/** Decides a review case with a reason. */
export function decideCase(id: string, decision: CaseDecision, reason: string): Promise<CasesScreen> {
  return commands.decide_case({ id, decision, reason });
}

/** Where packets may go and come from: the USB drives, a new file's name, the packets there. */
export function packetPlaces(): Promise<PacketPlaces> {
  return commands.packet_places();
}

/** Writes the packet for the centre to a new file at `path`. */
export function exportPacket(path: string): Promise<PacketExported> {
  return commands.export_packet({ path });
}

/** Imports the centre's packet at `path`; `packetProgress` says how far it is meanwhile. */
export function importPacket(path: string): Promise<PacketImported> {
  return commands.import_packet({ path });
}

/** How far the packet import under way is. */
export function packetProgress(): Promise<PacketProgress> {
  return commands.packet_progress();
}

/** The cases of the same person in two offices (decided ones too when `all`). */
export function crossCases(all = false): Promise<CrossCasesScreen> {
  return commands.cross_cases({ all });
}

/** Decides a case of the same person in two offices, with a reason. */
export function decideCrossCase(id: string, decision: CrossChoice, reason: string): Promise<CrossCasesScreen> {
  return commands.decide_cross_case({ id, decision, reason });
}

/** The families paid the same one-time subsidy here and in another office (decided ones too when `all`). */
export function paymentCases(all = false): Promise<PaymentCasesScreen> {
  return commands.payment_cases({ all });
}

/** Decides a payment case with a reason (managers). */
export function decidePaymentCase(id: string, decision: PaymentDecision, reason: string): Promise<PaymentCasesScreen> {
  return commands.decide_payment_case({ id, decision, reason });
}
