// `import.meta.glob` (Vite, electron-vite, vitest resolve it at build time): how the composition
// finds the areas and the contract finds the areas' call tables, so that adding an area is adding
// files. Only the types of it: services and contract stay plain Node and browser code.
/// <reference types="vite/types/importMeta.d.ts" />
