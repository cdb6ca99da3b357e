// Layering, checked (VS Code's `code-layering`, as no-restricted-imports per folder).
// !!! Do not relax these rules !!! A boundary that is not linted drifts.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const pattern = (group, message) => ({ group, message });

const layer = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'native/**', 'bin/**', 'scripts/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // contract: runs anywhere (main, host, renderer). zod only.
  layer(
    ['electron/contract/**/*.ts'],
    [
      pattern(['electron', 'electron/*'], 'Bad layering: contract/ runs anywhere and may not import electron.'),
      pattern(['**/services/**', '**/main/**', '**/host/**', '**/cli/**', '**/renderer/**'], 'Bad layering: contract/ imports nothing of the app.'),
      pattern(nodeBuiltins, 'Bad layering: contract/ runs in the renderer too: no Node built-ins.'),
    ],
  ),
  // services: plain Node. Never Electron, never a host or the renderer.
  layer(
    ['electron/services/**/*.ts'],
    [
      pattern(['electron', 'electron/*'], 'Bad layering: only electron/main imports electron.'),
      pattern(['**/main/**', '**/host/**', '**/cli/**', '**/renderer/**', '**/preload/**'], 'Bad layering: services/ may import contract/ and services/ only.'),
    ],
  ),
  // host and cli: Node hosts of the services.
  layer(
    ['electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    [
      pattern(['electron', 'electron/*'], 'Bad layering: only electron/main imports electron.'),
      pattern(['**/main/**', '**/renderer/**', '**/preload/**'], 'Bad layering: host/ and cli/ may import contract/, services/, host/.'),
    ],
  ),
  // main: the Electron shell. No web host, no renderer.
  layer(['electron/main/**/*.ts'], [pattern(['**/host/**', '**/cli/**', '**/renderer/**'], 'Bad layering: main/ wires services to Electron only.')]),
  // preload: electron + the channel names. Nothing else reaches the page.
  layer(
    ['electron/preload/**/*.ts'],
    [pattern(['**/services/**', '**/main/**', '**/host/**', '**/cli/**', '**/renderer/**'], 'Bad layering: preload/ exposes the contract only.')],
  ),
  // renderer: browser code. The contract, React and zustand; never Node, Electron or a service.
  layer(
    ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    [
      pattern(['electron', 'electron/*'], 'Bad layering: the renderer never imports electron; use the contract.'),
      pattern(['**/electron/services/**', '**/electron/main/**', '**/electron/host/**', '**/electron/cli/**', '**/electron/preload/**'], 'Bad layering: the renderer reaches the services through the contract only.'),
      pattern(nodeBuiltins, 'Bad layering: the renderer runs in a browser: no Node built-ins.'),
      pattern(['better-sqlite3', 'sip.js', 'ws', 'libphonenumber-js', '@hubspot/*'], 'Bad layering: this package belongs to the services.'),
    ],
  ),
  // Renderer tests run under Node and may use ws to stand up a socket server.
  {
    files: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
