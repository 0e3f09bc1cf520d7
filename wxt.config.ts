import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * pdf.js's worker and CMaps (CJK text; the standard fonts are only for drawing, which Tieout does
 * not do), shipped inside the extension under /pdfjs/
 * so that reading a PDF never fetches code or data from anywhere (lib/attachments/extension-reader.ts).
 */
function pdfjsAssets(): Array<{ absoluteSrc: string; relativeDest: string }> {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const files = [{ absoluteSrc: join(root, 'build', 'pdf.worker.min.mjs'), relativeDest: 'pdfjs/pdf.worker.min.mjs' }];
  for (const name of readdirSync(join(root, 'cmaps'))) {
    files.push({ absoluteSrc: join(root, 'cmaps', name), relativeDest: `pdfjs/cmaps/${name}` });
  }
  files.push({ absoluteSrc: join(root, 'LICENSE'), relativeDest: 'pdfjs/LICENSE' });
  return files;
}

/**
 * `TIEOUT_E2E=1` (npm run build:e2e) adds loopback origins to host_permissions so that headless
 * Chromium, which cannot answer a permission prompt, can run the extension on pages served from
 * 127.0.0.1 / localhost. It is the only difference from the production build.
 */
const e2e = process.env.TIEOUT_E2E === '1';
const LOOPBACK_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDirTemplate: e2e ? '{{browser}}-mv{{manifestVersion}}-e2e' : undefined,
  vite: () => ({
    plugins: [preact()],
    // linkedom (saved pages and .eml in Node and the options page) is side-effect free: without this
    // hint the content script, which only needs html-blocks' live-DOM walker, would carry all of it.
    build: { rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !/[\\/]linkedom[\\/]/.test(id) } } },
  }),
  // `npm run zip`: store zips for Chrome and Firefox, plus the sources zip AMO reviewers rebuild from
  // (`npm ci && npm run build:firefox`). Test output and local scratch never go into it.
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...pdfjsAssets());
    },
  },
  zip: {
    excludeSources: ['artifacts/**', 'dist/**', 'stats.html', '**/*.log', 'coverage/**'],
  },
  manifest: ({ browser }) => ({
    name: 'Tieout',
    description:
      'Finds PO and invoice numbers on the pages you read and ties every invoice to its purchase order — locally.',
    // `offscreen` (Chrome only): the reader page that runs pdf.js, opened on a click, closed when idle.
    // alarms: the team ledger's periodic sync (lib/sync/team-service.ts); it sets none without a team.
    permissions: [
      'storage',
      'activeTab',
      'scripting',
      'contextMenus',
      'alarms',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Sites are enabled one by one at run time (lib/sites.ts requests the origin).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(e2e ? { host_permissions: LOOPBACK_ORIGINS } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tieout@tieout.dev',
              // data_collection_permissions is read from Firefox 140 (Android 142) on.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
