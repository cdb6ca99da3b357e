/**
 * Every migration, in order. Add a file `NNNN-kebab-name.ts` and list it here; versions must be
 * consecutive from 1 (a test checks it), and `PRAGMA user_version` records the last one applied.
 */
import type { Migration } from './migration';
import { initial } from './0001-initial';
import { crmSync } from './0002-crm-sync';
import { workTheCall } from './0003-work-the-call';
import { templates } from './0004-templates';
import { jobs } from './0005-jobs';
import { callbackRequests } from './0006-callback-requests';
import { searchEverywhere } from './0007-search-everywhere';
import { callbackRequestReasons } from './0008-callback-request-reasons';
import { templateChannels } from './0009-template-channels';
import { companySageCode } from './0010-company-sage-code';

export type { Migration };

export const migrations: readonly Migration[] = [initial, crmSync, workTheCall, templates, jobs, callbackRequests, searchEverywhere, callbackRequestReasons, templateChannels, companySageCode];

export const latestVersion: number = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
