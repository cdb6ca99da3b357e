/**
 * The survey rules a supervisor may change, in `satisfaction.json` beside settings.json (the
 * area's own file). ACCUEIL_SURVEY_DELAY_MIN overrides the delay (tests, and IT testing a server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../shared/atomic-file';

const Stored = z.object({
  delayMinutes: z.number().int().min(0).max(10_080).default(120),
  capDays: z.number().int().min(0).max(365).default(30),
});
export type SurveyRules = z.infer<typeof Stored>;

export const DEFAULT_SURVEY_RULES: SurveyRules = { delayMinutes: 120, capDays: 30 };

export class SatisfactionSettingsStore {
  private readonly file: string;
  private stored: SurveyRules;

  constructor(
    dataDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.file = path.join(dataDir, 'satisfaction.json');
    this.stored = this.load();
  }

  private load(): SurveyRules {
    try {
      return Stored.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      // Missing or unreadable: the defaults (a hand-edited file never stops the server).
      return { ...DEFAULT_SURVEY_RULES };
    }
  }

  /** The delay set by the environment, when it is a whole number of minutes. */
  delayFromEnvironment(): number | null {
    const raw = this.env['ACCUEIL_SURVEY_DELAY_MIN']?.trim();
    if (!raw || !/^\d{1,5}$/.test(raw)) return null;
    return Number(raw);
  }

  rules(): SurveyRules {
    return { ...this.stored, delayMinutes: this.delayFromEnvironment() ?? this.stored.delayMinutes };
  }

  update(rules: SurveyRules): SurveyRules {
    this.stored = Stored.parse(rules);
    writeFileAtomic(this.file, `${JSON.stringify(this.stored, null, 2)}\n`);
    return this.rules();
  }
}
