import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SupervisionSettingsStore, parseExtensionList } from './supervision-settings';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-supervision-settings-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('supervision settings', () => {
  it('starts as an agent workstation watching nothing', () => {
    expect(new SupervisionSettingsStore(tempDir(), {}).get()).toEqual({ role: 'agent', extensions: [], queueNumber: '', wrapUpSeconds: 30 });
  });

  it('keeps what was saved across a restart, in its own file', () => {
    const dir = tempDir();
    new SupervisionSettingsStore(dir, {}).update({ role: 'supervisor', extensions: [{ extension: '201', name: '' }], queueNumber: '600', wrapUpSeconds: 45 });
    expect(new SupervisionSettingsStore(dir, {}).get()).toEqual({ role: 'supervisor', extensions: [{ extension: '201', name: '201' }], queueNumber: '600', wrapUpSeconds: 45 });
    expect(fs.existsSync(path.join(dir, 'supervision.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'settings.json'))).toBe(false);
  });

  it('lets IT deploy a wall screen by environment variables', () => {
    const store = new SupervisionSettingsStore(tempDir(), {
      ACCUEIL_ROLE: 'supervisor',
      ACCUEIL_SUPERVISION_EXTENSIONS: 'claire:Claire Martin, bob ,bad ext:X',
      ACCUEIL_SUPERVISION_QUEUE: 'queue',
    });
    expect(store.get()).toMatchObject({ role: 'supervisor', queueNumber: 'queue', extensions: [{ extension: 'claire', name: 'Claire Martin' }, { extension: 'bob', name: 'bob' }] });
    expect(parseExtensionList('')).toEqual([]);
  });

  it('sets aside a hand-broken file and starts from the defaults', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'supervision.json'), '{"role": "boss"');
    expect(new SupervisionSettingsStore(dir, {}).get().role).toBe('agent');
    expect(fs.readdirSync(dir).some((f) => f.startsWith('supervision.json.invalid-'))).toBe(true);
  });
});
