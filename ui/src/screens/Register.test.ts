// Tests of the registration screen against a mocked Rust side: a refused save shows each problem
// next to its field and keeps everything typed; a saved family shows its numbers; likely
// duplicates are shown before saving and registered only once the clerk confirms.
import { mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FamilyForm } from "../lib/bindings/FamilyForm";
import { resetDraft } from "../lib/draft.svelte";
import { DEFAULT_LANG, setLang } from "../lib/i18n";
import { setReference } from "../lib/reference.svelte";
import { route, resetRoute } from "../lib/router.svelte";
import { runCommand } from "../lib/shortcuts";
import { REFERENCE } from "../test/fixtures";
import Register from "./Register.svelte";

type Args = Record<string, unknown>;

/** The input of a field, by the id the form gives it (`f-<path>`). */
function field(name: string): HTMLElement {
  const element = document.getElementById(`f-${name}`);
  if (!element) throw new Error(`no field f-${name}`);
  return element;
}
let calls: { command: string; args: Args }[] = [];

function backend(handlers: Record<string, (args: Args) => unknown>) {
  calls = [];
  mockIPC((command, args) => {
    calls.push({ command, args: (args ?? {}) as Args });
    const handler = handlers[command];
    if (handler) return handler((args ?? {}) as Args);
    if (command === "reference") return REFERENCE;
    if (command === "check_family") return { problems: [], duplicates: [] };
    if (command === "read_date") return { date: "2026-09-14", display: "14.09.2026" };
    if (command === "check_iin") return { valid: false, birth_date: null, sex: null, problems: [] };
    return null;
  });
}

const HIT = {
  member_index: 0,
  existing_regno: "PVL01-2026-00001",
  existing_name: "Сейітқали Нұрсұлтан Болатұлы",
  existing_birth_date: "1985-04-12",
  reason: "same_name_and_birth_date",
};

beforeEach(() => {
  resetDraft();
  resetRoute();
  setReference(REFERENCE);
});

afterEach(() => {
  setLang(DEFAULT_LANG);
  setReference(null);
});

describe("registration screen", () => {
  it("shows each refused field next to it and keeps everything typed", async () => {
    const user = userEvent.setup();
    backend({
      register_family: () => {
        throw {
          code: "store-invalid",
          message: null,
          args: { count: "2" },
          fields: [
            { field: "settlement", code: "value-required" },
            { field: "members[0].iin", code: "iin-length", args: { found: "11" } },
          ],
          duplicates: [],
        };
      },
    });
    render(Register);
    await user.type(field("members-0-surname"), "Сейітқали");
    await user.type(field("members-0-iin"), "85041231021");
    await user.click(screen.getByRole("button", { name: /Отбасын тіркеу/ }));

    expect(await screen.findByTestId("f-settlement-error")).toHaveTextContent("Өріс толтырылмаған: оны толтырыңыз.");
    expect(screen.getByTestId("f-members-0-iin-error")).toHaveTextContent("ЖСН 12 цифрдан тұрады, ал мұнда 11 цифр бар");
    expect(screen.getByTestId("register-problems")).toHaveTextContent("Түзетуді қажет ететін өрістер: 2");
    expect(field("members-0-surname")).toHaveValue("Сейітқали");
    expect(field("members-0-iin")).toHaveValue("85041231021");
    expect(field("settlement")).toHaveFocus();
    expect(field("settlement")).toHaveAttribute("aria-invalid", "true");
  });

  it("sends the form as typed and shows the numbers given", async () => {
    const user = userEvent.setup();
    backend({
      register_family: () => ({
        family_id: "f1",
        family_regno: "PVL01-2026-00001",
        members: [{ id: "p1", regno: "PVL01-2026-00001", name: "Сейітқали Нұрсұлтан", relation: "head" }],
      }),
    });
    render(Register);
    await user.type(field("arrival_date"), "14.09.2026");
    await user.selectOptions(field("country_of_origin"), "UZ");
    await user.type(field("members-0-surname"), "Сейітқали");
    await user.click(screen.getByLabelText("Ер"));
    runCommand("save");

    expect(await screen.findByTestId("register-done-regno")).toHaveTextContent("PVL01-2026-00001");
    const sent = calls.find((c) => c.command === "register_family")?.args;
    const form = sent?.form as FamilyForm;
    expect(sent?.allow_duplicates).toBe(false);
    expect(form.arrival_date).toBe("14.09.2026");
    expect(form.country_of_origin).toBe("UZ");
    expect(form.members[0]?.surname).toBe("Сейітқали");
    expect(form.members[0]?.sex).toBe("male");
    // The document's issuer follows the country of origin.
    expect(form.members[0]?.document.issuing_country).toBe("UZ");
  });

  it("starts a child's consent as covered by the head's and sends the consent as chosen", async () => {
    const user = userEvent.setup();
    backend({
      is_minor: (args) => args.birth_date === "27.02.2014",
      read_date: (args) => ({ date: "", display: args.text }),
      register_family: () => ({
        family_id: "f1",
        family_regno: "PVL01-2026-00001",
        members: [],
      }),
    });
    render(Register);
    await user.type(field("members-0-surname"), "Сейітқали");
    // The head gives consent: the date starts as the arrival date; a term until a date asks for it.
    await user.type(field("arrival_date"), "14.09.2026");
    await user.click(field("members-0-consent-basis-given"));
    expect(field("members-0-consent-given_on")).toHaveValue("14.09.2026");
    await user.selectOptions(field("members-0-consent-term"), "until_date");
    await user.type(field("members-0-consent-valid_until"), "13.09.2031");
    await user.selectOptions(field("members-0-consent-method"), "eds");

    runCommand("add-member");
    runCommand("add-member");
    await waitFor(() => expect(screen.getByTestId("member-2")).toBeInTheDocument());
    await user.type(field("members-2-birth_date"), "27.02.2014");
    await user.tab();
    await waitFor(() => expect(field("members-2-consent-basis-minor")).toBeChecked());
    expect(field("members-2-no_consent-covered_by")).toHaveValue("0");
    expect(field("members-2-no_consent-covered_by")).toHaveTextContent("Сейітқали");
    // An adult's consent is not chosen for them.
    await user.type(field("members-1-birth_date"), "03.11.1988");
    await user.tab();
    expect(field("members-1-consent-basis-given")).not.toBeChecked();

    runCommand("save");
    await waitFor(() => expect(calls.some((c) => c.command === "register_family")).toBe(true));
    const form = calls.find((c) => c.command === "register_family")?.args.form as FamilyForm;
    expect(form.members[0]?.consent).toMatchObject({
      basis: "given",
      given_on: "14.09.2026",
      term: "until_date",
      valid_until: "13.09.2031",
      method: "eds",
    });
    expect(form.members[2]?.consent).toMatchObject({ basis: "minor", covered_by: 0 });
    expect(form.members[1]?.consent.basis).toBeNull();
  });

  it("shows a refused consent at the member's consent, naming the person", async () => {
    const user = userEvent.setup();
    backend({
      register_family: () => {
        throw {
          code: "store-invalid",
          message: null,
          args: { count: "1" },
          fields: [{ field: "members[0].consent", code: "consent-required", args: { number: "1", name: "Сейітқали Нұрсұлтан" } }],
          duplicates: [],
        };
      },
    });
    setLang("en");
    render(Register);
    await user.type(field("members-0-surname"), "Сейітқали");
    runCommand("save");
    const error = await screen.findByTestId("f-members-0-consent-error");
    expect(error).toHaveTextContent("Member 1 Сейітқали Нұрсұлтан has no consent to personal data processing");
    expect(field("members-0-consent-basis-given")).toHaveFocus();
  });

  it("adds a member with Alt+A and removes one", async () => {
    const user = userEvent.setup();
    backend({});
    render(Register);
    runCommand("add-member");
    await waitFor(() => expect(screen.getByTestId("member-1")).toBeInTheDocument());
    await waitFor(() => expect(document.activeElement?.id).toBe("f-members-1-surname"));
    expect(screen.getByTestId("member-1")).toHaveTextContent("Жұбайы");
    await user.click(screen.getByTestId("member-1-remove"));
    expect(screen.queryByTestId("member-1")).not.toBeInTheDocument();
  });

  it("shows likely duplicates before saving and registers only once confirmed", async () => {
    const user = userEvent.setup();
    backend({
      check_family: () => ({ problems: [], duplicates: [HIT] }),
      register_family: (args) => {
        if (!args.allow_duplicates) {
          throw { code: "store-duplicates", message: null, args: { count: "1" }, fields: [], duplicates: [HIT] };
        }
        return { family_id: "f2", family_regno: "PVL01-2026-00004", members: [] };
      },
    });
    render(Register);
    await user.type(field("members-0-surname"), "Сейітқали");
    const panel = await screen.findByTestId("duplicates", {}, { timeout: 3000 });
    expect(panel).toHaveTextContent("Сейітқали Нұрсұлтан Болатұлы");
    expect(panel).toHaveTextContent("аты-жөні мен туған күні бірдей");
    expect(screen.getByTestId("member-0-duplicate")).toBeInTheDocument();

    await user.click(screen.getByTestId("register-save"));
    await waitFor(() => expect(screen.getByTestId("allow-duplicates")).toHaveFocus());
    expect(screen.queryByTestId("register-done")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("allow-duplicates"));
    await user.click(screen.getByRole("button", { name: /Бәрібір тіркеу/ }));
    expect(await screen.findByTestId("register-done-regno")).toHaveTextContent("PVL01-2026-00004");
    expect(calls.filter((c) => c.command === "register_family").map((c) => c.args.allow_duplicates)).toEqual([false, true]);
  });

  it("opens the existing record from the duplicates panel, keeping the form", async () => {
    const user = userEvent.setup();
    backend({ check_family: () => ({ problems: [], duplicates: [HIT] }) });
    const { unmount } = render(Register);
    await user.type(field("members-0-surname"), "Сейітқали");
    await user.click(await screen.findByTestId("duplicate-link", {}, { timeout: 3000 }));
    expect(route()).toEqual({ name: "person", regno: "PVL01-2026-00001" });
    unmount();
    render(Register);
    expect(field("members-0-surname")).toHaveValue("Сейітқали");
  });
});
