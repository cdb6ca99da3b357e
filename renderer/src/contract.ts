/**
 * The renderer's single door to the contract. Every other renderer file imports contract types and
 * helpers from here, never from `electron/` directly, so the boundary is one line to check (and to
 * switch to the `@contract` alias once tsconfig.web.json and the vitest config know it).
 */
export * from '../../electron/contract';
