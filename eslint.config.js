// Layering, checked (VS Code's `code-layering`, as no-restricted-imports per folder).
// !!! Do not relax these rules !!! A boundary that is not linted drifts.
// test/integration/layering.test.ts proves each rule still fires.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import path from 'node:path';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Modules named exactly (a gitignore-style pattern "electron" would also match ../electron/contract).
const exact = (names, message) => names.map((name) => ({ name, message }));
const noElectron = (message) => exact(['electron', 'electron/main', 'electron/renderer', 'electron/common'], message);
const noNode = (message) => exact(nodeBuiltins, message);
// App folders, as path patterns.
const folders = (group, message) => ({ group, message });

const layer = (files, { patterns = [], paths = [] }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
});

// Areas (electron/services/<area>/): an area imports, at run time, only its own folder, `shared/`, `jobs/`,
// `store/`, the contract and the services' root helpers (area.ts, log, event bus, backoff…); what it
// needs of another area it reads through a port (ctx.port), so it may import that area's TYPES only.
// `accueil.ts` is the composition root and no area imports it. Folders are found, not listed: a new
// area is checked the day it is created.
const SERVICES = path.resolve('electron/services');
const OPEN_TO_AREAS = new Set(['shared', 'store', 'jobs']);
// The demo fabricates every area's records (the deterministic demo workspace): it writes them
// through the areas' own repositories.
const READS_EVERY_AREA = new Set(['demo']);
const areaOf = (file) => {
  const relative = path.relative(SERVICES, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length === 0 ? { root: first } : { area: first };
};
const areaBoundaries = {
  meta: { type: 'problem', schema: [], messages: { crossArea: 'Bad layering: area « {{from}} » imports « {{to}} » at run time; read it through a port (ctx.port) and import its types only.' } },
  create(context) {
    const from = areaOf(context.filename);
    if (!from?.area || OPEN_TO_AREAS.has(from.area) || READS_EVERY_AREA.has(from.area)) return {};
    const check = (node, source, typeOnly) => {
      if (typeOnly || typeof source !== 'string' || !source.startsWith('.')) return;
      const to = areaOf(path.resolve(path.dirname(context.filename), source));
      if (!to) return;
      if (to.root !== undefined ? to.root.replace(/\.ts$/, '') !== 'accueil' : to.area === from.area || OPEN_TO_AREAS.has(to.area)) return;
      context.report({ node, messageId: 'crossArea', data: { from: from.area, to: to.area ?? to.root } });
    };
    const allTypes = (node) => node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source.value, allTypes(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
    };
  },
};

export default tseslint.config(
  // test/fixtures: files that only make sense copied into the product (the toy area), checked there.
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'native/**', 'bin/**', 'scripts/**', '**/*.d.ts', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // contract: runs anywhere (main, host, renderer). zod only.
  layer(['electron/contract/**/*.ts'], {
    patterns: [folders(['**/services/**', '**/main/**', '**/host/**', '**/cli/**', '**/renderer/**', '**/preload/**'], 'Bad layering: contract/ imports nothing of the app.')],
    paths: [
      ...noElectron('Bad layering: contract/ runs anywhere and may not import electron.'),
      ...noNode('Bad layering: contract/ runs in the renderer too: no Node built-ins.'),
    ],
  }),
  // services: plain Node. Never Electron, never a host or the renderer.
  layer(['electron/services/**/*.ts'], {
    patterns: [folders(['**/main/**', '**/host/**', '**/cli/**', '**/renderer/**', '**/preload/**'], 'Bad layering: services/ may import contract/ and services/ only.')],
    paths: noElectron('Bad layering: only electron/main imports electron.'),
  }),
  {
    files: ['electron/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { accueil: { rules: { 'area-boundaries': areaBoundaries } } },
    rules: { 'accueil/area-boundaries': 'error' },
  },
  // host and cli: Node hosts of the services.
  layer(['electron/host/**/*.ts', 'electron/cli/**/*.ts'], {
    patterns: [folders(['**/main/**', '**/renderer/**', '**/preload/**'], 'Bad layering: host/ and cli/ may import contract/, services/, host/.')],
    paths: noElectron('Bad layering: only electron/main imports electron.'),
  }),
  // main: the Electron shell. No web host, no renderer.
  layer(['electron/main/**/*.ts'], {
    patterns: [folders(['**/host/**', '**/cli/**', '**/renderer/**', '**/preload/**'], 'Bad layering: main/ wires services to Electron only.')],
  }),
  // preload: electron + the channel names. Nothing else reaches the page.
  layer(['electron/preload/**/*.ts'], {
    patterns: [folders(['**/services/**', '**/main/**', '**/host/**', '**/cli/**', '**/renderer/**'], 'Bad layering: preload/ exposes the contract only.')],
  }),
  // renderer: browser code. The contract, React and zustand; never Node, Electron or a service.
  layer(['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'], {
    patterns: [
      folders(['**/electron/services/**', '**/electron/main/**', '**/electron/host/**', '**/electron/cli/**', '**/electron/preload/**'], 'Bad layering: the renderer reaches the services through the contract only.'),
      folders(['better-sqlite3', 'sip.js', 'ws', 'libphonenumber-js', 'libphonenumber-js/*', '@hubspot/*'], 'Bad layering: this package belongs to the services.'),
    ],
    paths: [
      ...noElectron('Bad layering: the renderer never imports electron; use the contract.'),
      ...noNode('Bad layering: the renderer runs in a browser: no Node built-ins.'),
    ],
  }),
  // Renderer tests run under Node and may use ws to stand up a socket server.
  {
    files: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
