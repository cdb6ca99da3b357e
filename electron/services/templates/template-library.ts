/**
 * Claire's template library: the defaults shipped with the product (seeded once per workspace), and
 * the ones she creates, edits, categorises and deletes. Search ignores accents and case ("deplacement"
 * finds "Déplacement"); every word typed must appear in the name, category, subject or body, and
 * templates whose name holds the words come first.
 */
import { randomUUID } from 'node:crypto';
import type { Template, TemplateChannel } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import type { AccueilStore } from '../store';
import type { TemplateInput } from '../store/templates-repository';
import { DEFAULT_TEMPLATES } from './default-templates';
import { unknownFieldsIn } from '../shared/merge-engine';

export interface TemplateDraftInput {
  id?: string | undefined;
  name: string;
  category: string;
  subject: string;
  body: string;
  /** Default: e-mail. */
  channel?: TemplateChannel | undefined;
  /** WhatsApp: the approved template it sends (Meta's name and language). */
  whatsapp?: { name: string; language: string } | null | undefined;
}

/** Meta's template names (lower case, digits, underscores) and languages (fr, en_US, pt_BR). */
const WHATSAPP_NAME = /^[a-z0-9_]{1,512}$/;
const WHATSAPP_LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

/** Lower case, no accents, apostrophes and hyphens as spaces: what search compares. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .toLowerCase()
    .replace(/[’'_-]/g, ' ');
}

export class TemplateLibrary {
  constructor(private readonly store: AccueilStore) {}

  /**
   * Inserts the default templates this workspace has not been offered yet. Runs at every start: a new
   * default in a later version arrives, an edited one stays as Claire left it, a deleted one stays
   * deleted. Returns how many were inserted.
   */
  seedDefaults(defaults: readonly TemplateInput[] = DEFAULT_TEMPLATES): number {
    return this.store.transaction(() => {
      const seeded = this.store.templates.seededIds();
      let position = this.store.templates.nextPosition();
      let inserted = 0;
      for (const template of defaults) {
        if (seeded.has(template.id)) continue;
        if (this.store.templates.insertIfAbsent({ ...template, position })) {
          inserted++;
          position++;
        }
        this.store.templates.markSeeded(template.id);
      }
      return inserted;
    });
  }

  list(options: { query?: string | undefined; category?: string | undefined; channel?: TemplateChannel | undefined } = {}): Template[] {
    let templates = this.store.templates.list();
    if (options.channel) templates = templates.filter((t) => t.channel === options.channel);
    if (options.category) templates = templates.filter((t) => t.category === options.category);
    const terms = foldForSearch(options.query ?? '')
      .split(/\s+/)
      .filter((term) => term !== '');
    if (terms.length === 0) return templates;
    const scored: Array<{ template: Template; score: number; index: number }> = [];
    templates.forEach((template, index) => {
      const name = foldForSearch(template.name);
      const all = `${name} ${foldForSearch(template.category)} ${foldForSearch(template.subject)} ${foldForSearch(template.body)}`;
      if (!terms.every((term) => all.includes(term))) return;
      const score = terms.filter((term) => name.includes(term)).length;
      scored.push({ template, score, index });
    });
    return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((entry) => entry.template);
  }

  get(id: string): Template {
    const template = this.store.templates.get(id);
    if (!template) throw new ServiceError('not_found', { reason: 'template.not_found' });
    return template;
  }

  /** Creates (no id) or updates a template. A field the product does not know is refused here. */
  save(input: TemplateDraftInput): Template {
    const channel = input.channel ?? 'email';
    const whatsapp = channel === 'whatsapp' && input.whatsapp ? { name: input.whatsapp.name.trim(), language: input.whatsapp.language.trim() } : null;
    const template = {
      name: input.name.trim(),
      category: input.category.trim(),
      // An SMS or a WhatsApp message has no subject.
      subject: channel === 'email' ? input.subject.trim() : '',
      body: input.body.replace(/\r\n?/g, '\n').trim(),
      channel,
      whatsapp,
    };
    if (template.name === '') throw new ServiceError('bad_request', { reason: 'template.name_missing' });
    if (template.category === '') throw new ServiceError('bad_request', { reason: 'template.category_missing' });
    if (channel === 'email' && template.subject === '') throw new ServiceError('bad_request', { reason: 'template.subject_empty' });
    if (/[\r\n]/.test(template.subject)) throw new ServiceError('bad_request', { reason: 'mail.subject_one_line' });
    if (channel === 'whatsapp' && (!whatsapp || !WHATSAPP_NAME.test(whatsapp.name) || !WHATSAPP_LANGUAGE.test(whatsapp.language))) {
      throw new ServiceError('bad_request', { reason: 'messaging.template_whatsapp_missing' });
    }
    if (template.body === '') throw new ServiceError('bad_request', { reason: 'template.body_empty' });
    const unknown = unknownFieldsIn(`${template.subject}\n${template.body}`);
    // A WhatsApp parameter left as Meta wrote it: which merge field fills it is not said yet.
    const parameter = channel === 'whatsapp' ? unknown.find((key) => /^\d+$/.test(key)) : undefined;
    if (parameter !== undefined) throw new ServiceError('bad_request', { reason: 'messaging.template_parameter_unmapped', params: { parameter: `{{${parameter}}}` } });
    if (unknown.length > 0) {
      const fields = unknown.map((k) => `{{${k}}}`).join(', ');
      throw new ServiceError('bad_request', { reason: unknown.length > 1 ? 'template.unknown_fields' : 'template.unknown_field', params: { fields } });
    }
    return this.store.transaction(() => {
      if (input.id) {
        if (!this.store.templates.update({ id: input.id, ...template })) {
          throw new ServiceError('not_found', { reason: 'template.not_found' });
        }
        return { id: input.id, ...template };
      }
      const id = `tpl-${randomUUID()}`;
      this.store.templates.upsert({ id, ...template, position: this.store.templates.nextPosition() });
      return { id, ...template };
    });
  }

  delete(id: string): void {
    if (!this.store.templates.delete(id)) throw new ServiceError('not_found', { reason: 'template.already_deleted' });
  }
}
