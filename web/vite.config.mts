import { defineConfig } from 'vite';

// The app is built into web/dist (`npm run web:build`) and served by the Koa app (api/http/web-app.ts);
// `npm run web:dev` serves it with live reload and proxies /api to a running `npm start`. No React
// plugin: Vite's own transformer compiles JSX with the automatic runtime (docs/web-app.md says why).
export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every asset a file of its own: the CSP allows no data: scripts, and files cache by their hash.
    assetsInlineLimit: 0,
    target: 'es2022',
    rolldownOptions: {
      onLog(level, log, handler) {
        // React Router and TanStack Query mark modules "use client" for server components; irrelevant here.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
});
