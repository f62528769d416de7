// Tests of joining an office from the sign-in screen of a new install: offered only when the
// database has no office, every field sent as typed, problems shown next to their fields, the
// centre's refusal shown whole, and the way back to sign-in.
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, type AppInfo } from "../lib/api";
import type { JoinForm } from "../lib/api-sync";
import { DEFAULT_LANG, setLang } from "../lib/i18n";
import SignIn from "../screens/SignIn.svelte";
import { OFFICE } from "../test/fixtures";

afterEach(() => setLang(DEFAULT_LANG));

const NEW_INSTALL: AppInfo = { version: "0.1.0", db_path: "/tmp/new.sqlite", db_from_env: true, lang: "en", idle_seconds: 900, office: null };

function refused(fields: [string, string][], code = "store-invalid"): ApiError {
  return new ApiError("join_office", {
    code,
    args: {},
    fields: fields.map(([field, problem]) => {
      const args: Record<string, string> = problem === "store-short-password" ? { min: "8" } : {};
      return { field, code: problem, args };
    }),
  });
}

describe("joining an office", () => {
  it("is offered on a new install only", () => {
    const onjoin = vi.fn();
    const first = render(SignIn, { info: { ...NEW_INSTALL, office: OFFICE }, onsignin: vi.fn(), onjoin });
    expect(screen.queryByTestId("join-offer")).toBeNull();
    first.unmount();
    render(SignIn, { info: NEW_INSTALL, onsignin: vi.fn(), onjoin });
    expect(screen.getByTestId("join-offer")).toHaveTextContent("Бейімдеу орталығына қосылу");
  });

  it("sends every field as typed and shows problems next to their fields", async () => {
    const user = userEvent.setup();
    setLang("en");
    const sent: JoinForm[] = [];
    const onjoin = vi.fn(async (form: JoinForm) => {
      sent.push(form);
      if (sent.length === 1) return refused([["code", "desk-sync-required"], ["password", "store-short-password"]]);
      return null;
    });
    render(SignIn, { info: NEW_INSTALL, onsignin: vi.fn(), onjoin });
    await user.click(screen.getByTestId("join-open"));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Join an office");
    await waitFor(() => expect(screen.getByLabelText("Centre address")).toHaveFocus());
    await user.keyboard("https://10.0.0.5:8443");
    await user.type(screen.getByLabelText("New password on this computer"), "short{Enter}");
    expect(await screen.findByText("Fill this in.")).toBeInTheDocument();
    expect(screen.getByLabelText("Enrolment code")).toHaveFocus();
    expect(screen.getByLabelText("Enrolment code")).toHaveAttribute("aria-invalid", "true");
    expect(sent[0]).toEqual({
      centre_url: "https://10.0.0.5:8443",
      code: "",
      device_name: "",
      login: "admin",
      password: "short",
      office_secret: "",
    });

    await user.keyboard("OTAU1-ABC-DEF");
    await user.clear(screen.getByLabelText("New password on this computer"));
    await user.type(screen.getByLabelText("New password on this computer"), "laptop-password");
    await user.type(screen.getByLabelText("Office secret"), "Office secret 2026{Enter}");
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({
      code: "OTAU1-ABC-DEF",
      password: "laptop-password",
      office_secret: "Office secret 2026",
    });
  });

  it("shows the centre's refusal whole, and goes back to sign-in", async () => {
    const user = userEvent.setup();
    setLang("en");
    const onjoin = vi.fn(async () => refused([], "sync-enrol-code-invalid"));
    render(SignIn, { info: NEW_INSTALL, onsignin: vi.fn(), onjoin });
    await user.click(screen.getByTestId("join-open"));
    await user.click(screen.getByTestId("join-submit"));
    expect(await screen.findByTestId("join-message")).toHaveTextContent("The enrolment code is unknown, expired or already used.");
    await user.click(screen.getByTestId("join-back"));
    expect(screen.getByTestId("signin-form")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText("Login")).toHaveFocus());
  });
});
