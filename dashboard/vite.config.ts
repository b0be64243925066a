import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The admin dashboard: `npm run dashboard:build` writes `dashboard/dist`; `npm run dashboard:dev` serves it
 * with hot reload and forwards `/api/*` to the worker (`EDGEWARD_API`, default the `npm start` worker).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Every browser the dashboard supports has modulepreload; skip Vite's polyfill.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': { target: process.env.EDGEWARD_API ?? 'http://127.0.0.1:8787', changeOrigin: false },
    },
  },
});
