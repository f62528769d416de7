// Vitest set-up for UI tests: DOM matchers from jest-dom and a clean IPC mock after each test.
import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";

afterEach(() => {
  clearMocks();
});
