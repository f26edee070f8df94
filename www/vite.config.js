import { defineConfig } from "vite";

// The dev server's client starts a blob: worker to watch its connection; allow that in development only.
const devCsp = {
  name: "restanse-dev-csp",
  apply: "serve",
  transformIndexHtml: (html) => html.replace("connect-src 'self';", "connect-src 'self' ws:; worker-src 'self' blob:;"),
};

export default defineConfig({
  base: "./",
  plugins: [devCsp],
  build: { target: "es2022" },
  esbuild: { target: "es2022" },
  // The package lives in ../pkg (a file: dependency): let the dev server read it, and leave its wasm to it.
  optimizeDeps: { exclude: ["restanse"] },
  server: { fs: { allow: [".."] } },
});
