/**
 * The renderer's single door to the contract. Every other renderer file imports contract types and
 * helpers from here, never from `electron/` directly, so the boundary is one line to check (and to
 * switch to the `@contract` alias once tsconfig.web.json and the vitest config know it).
 *
 * Types come from the whole contract; runtime values only from the modules that do not build zod
 * schemas, so the renderer bundle does not carry zod (the services validate; the renderer trusts).
 */
// The one sanctioned crossing, until tsconfig.web.json and vitest.config.ts know `@contract`
// (vite.web.config.ts already does): then these three lines become `@contract` imports.
/* eslint-disable no-restricted-imports */
export type * from '../../electron/contract';
export { createContractClient } from '../../electron/contract/client';
export { ContractCallError } from '../../electron/contract/envelope';
/* eslint-enable no-restricted-imports */

/** Mirrors electron/contract/wire.ts (which also builds a zod schema): checked by contract.test.ts. */
export const WS_PATH = '/ws';
export const MAX_FRAME_BYTES = 1024 * 1024;
