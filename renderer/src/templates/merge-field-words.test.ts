import { describe, expect, it } from 'vitest';
import { MERGE_FIELDS } from '../../../electron/services/shared/merge-fields';
import { MergeField } from '../../../electron/contract/template-calls';
import { translate } from '../i18n';
import { mergeFieldGroup, mergeFieldLabel } from './merge-field-words';

const t = (locale: 'fr' | 'en') => (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, key, params);

describe('merge fields in the interface’s language', () => {
  it('names every field the service offers, in French as the service does and in English', () => {
    for (const field of MERGE_FIELDS) {
      expect(mergeFieldLabel(t('fr'), field.key, field.label), field.key).toBe(field.label);
      const english = mergeFieldLabel(t('en'), field.key, field.label);
      expect(english, field.key).not.toBe(field.label);
      expect(english, field.key).not.toMatch(/[éèàù]|\bdu\b|\bde\b/);
    }
  });

  it('names every group, and keeps a field it does not know as the service labels it', () => {
    for (const group of MergeField.shape.group.options) {
      expect(mergeFieldGroup(t('en'), group), group).not.toBe(group);
      expect(mergeFieldGroup(t('fr'), group), group).not.toBe(group);
    }
    expect(mergeFieldLabel(t('en'), 'chantier.code', 'Code du chantier')).toBe('Code du chantier');
  });
});
