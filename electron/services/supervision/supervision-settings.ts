/**
 * The workstation's role and what the supervisor watches, in `supervision.json` beside
 * settings.json: its own file, so the supervision area never rewrites the settings other areas own.
 * ACCUEIL_ROLE, ACCUEIL_SUPERVISION_EXTENSIONS ("claire:Claire Martin,bob:Bob") and
 * ACCUEIL_SUPERVISION_QUEUE override it (IT deploys a wall screen by script).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SupervisionSettingsInput, type MonitoredExtension, type SupervisionSettings } from '../../contract/supervision-calls';
import { writeFileAtomic } from '../shared/atomic-file';

const DEFAULTS: SupervisionSettings = { role: 'agent', extensions: [], queueNumber: '', wrapUpSeconds: 30 };

/** "claire:Claire Martin, bob" → extensions; malformed entries are dropped. */
export function parseExtensionList(text: string): MonitoredExtension[] {
  const out: MonitoredExtension[] = [];
  for (const entry of text.split(',')) {
    const [extension = '', ...name] = entry.split(':');
    const parsed = SupervisionSettingsInput.shape.extensions.element.safeParse({ extension: extension.trim(), name: name.join(':').trim() });
    if (parsed.success) out.push({ extension: parsed.data.extension, name: parsed.data.name || parsed.data.extension });
  }
  return out;
}

export class SupervisionSettingsStore {
  private readonly file: string;
  private stored: SupervisionSettings;

  constructor(
    dataDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.file = path.join(dataDir, 'supervision.json');
    this.stored = this.load();
  }

  private load(): SupervisionSettings {
    if (!fs.existsSync(this.file)) return DEFAULTS;
    try {
      const parsed = SupervisionSettingsInput.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      return { ...parsed, extensions: parsed.extensions.map((e) => ({ ...e, name: e.name || e.extension })) };
    } catch {
      // A hand-edited file that no longer parses: keep it for IT, start from defaults.
      fs.copyFileSync(this.file, `${this.file}.invalid-${Date.now()}`);
      return DEFAULTS;
    }
  }

  get(): SupervisionSettings {
    const role = this.env['ACCUEIL_ROLE'];
    const extensions = this.env['ACCUEIL_SUPERVISION_EXTENSIONS'];
    const queue = this.env['ACCUEIL_SUPERVISION_QUEUE'];
    return {
      ...this.stored,
      ...(role === 'agent' || role === 'supervisor' ? { role } : {}),
      ...(extensions ? { extensions: parseExtensionList(extensions) } : {}),
      ...(queue !== undefined && /^[A-Za-z0-9._+-]*$/.test(queue) ? { queueNumber: queue } : {}),
    };
  }

  update(input: SupervisionSettings): SupervisionSettings {
    const next: SupervisionSettings = { ...input, extensions: input.extensions.map((e) => ({ extension: e.extension, name: e.name || e.extension })) };
    writeFileAtomic(this.file, JSON.stringify(next, null, 2), 0o600);
    this.stored = next;
    return this.get();
  }
}
