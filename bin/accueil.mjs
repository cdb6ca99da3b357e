#!/usr/bin/env node
// The command line for IT and scripts. The TypeScript sources are bundled by `npm run build:web`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/cli/accueil.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error("accueil : la ligne de commande n'est pas encore construite. Lancez « npm run build:web » dans le dossier du projet.");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
