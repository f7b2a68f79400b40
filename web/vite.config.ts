import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const webDir = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** Root of the installed bootstrap-italia package (fonts and the icon sprite are taken from its dist/). */
const bootstrapItaliaDir = dirname(require.resolve('bootstrap-italia/package.json'));

/** Where the dev server forwards /api; the API listens on 127.0.0.1:3000 unless told otherwise. */
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: {
      '@': resolve(webDir, 'src'),
      // Pure, browser-safe rules shared with the API (house style: web imports domain/ and API types only).
      '@domain': resolve(webDir, '../domain'),
      '@bootstrap-italia': resolve(bootstrapItaliaDir, 'dist'),
    },
  },
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: resolve(webDir, 'dist'),
    emptyOutDir: true,
    // Keep fonts and the icon sprite as files: a strict CSP blocks nothing and the sprite stays cacheable.
    assetsInlineLimit: 0,
  },
});
