/**
 * The Bilan's settings, in `bilan.json` beside settings.json (the area's own file): the plan's
 * month 0 (null: the month of the first recorded call) and the time-saved model's parameters.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Month, TimeSavedParameters, type BilanSettingsInput } from '../../contract/bilan-calls';
import { writeFileAtomic } from '../shared/atomic-file';
import { DEFAULT_TIME_SAVED } from './kpi-table';

const Stored = z.object({
  planStart: Month.nullable().default(null),
  timeSaved: TimeSavedParameters.partial().default({}),
});

export class BilanSettingsStore {
  private readonly file: string;
  private stored: BilanSettingsInput;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'bilan.json');
    this.stored = this.load();
  }

  private load(): BilanSettingsInput {
    try {
      const parsed = Stored.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      return { planStart: parsed.planStart, timeSaved: { ...DEFAULT_TIME_SAVED, ...parsed.timeSaved } };
    } catch {
      // Missing or hand-edited beyond repair: the defaults (the Bilan never stops the server).
      return { planStart: null, timeSaved: { ...DEFAULT_TIME_SAVED } };
    }
  }

  get(): BilanSettingsInput {
    return { planStart: this.stored.planStart, timeSaved: { ...this.stored.timeSaved } };
  }

  update(input: BilanSettingsInput): BilanSettingsInput {
    this.stored = { planStart: input.planStart, timeSaved: { ...input.timeSaved } };
    writeFileAtomic(this.file, `${JSON.stringify(this.stored, null, 2)}\n`);
    return this.get();
  }
}
