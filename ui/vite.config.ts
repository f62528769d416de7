// Vite and Vitest configuration of the Otau UI: Svelte 5, translations read from the shared
// `assets/i18n` folder at the repository root, and a relative base so the built files load from
// the Tauri shell's `tauri://localhost`.
import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  plugins: [svelte(), ...(process.env.VITEST ? [svelteTesting()] : [])],
  base: "./",
  clearScreen: false,
  // The desktop shell embeds `dist`; the page is never served from a remote host.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    port: 5173,
    strictPort: true,
    // `.ftl` files and fonts live outside `ui/`, in `assets/`.
    fs: { allow: [repoRoot] },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    // Component tests type and click through whole screens; on a busy 2-core machine one can take
    // longer than Vitest's default 5 s without anything being wrong.
    testTimeout: 30_000,
  },
});
