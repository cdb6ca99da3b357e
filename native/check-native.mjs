// Runs after `npm install`: better-sqlite3 is a native addon, and a mismatch between the
// Node ABI it was built for and the running Node is the commonest broken install.
// Say so plainly here rather than as a cryptic dlopen error at the first call pop.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  db.prepare("CREATE VIRTUAL TABLE t USING fts5(x)").run();
  db.close();
} catch (error) {
  console.warn(
    `[accueil] better-sqlite3 ne se charge pas sous Node ${process.versions.node} : ${error.message}\n` +
      '[accueil] Réinstallez avec `npm rebuild better-sqlite3` (Node) ou `npm run native:electron` (Electron).',
  );
}
