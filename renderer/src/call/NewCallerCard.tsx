/**
 * An unknown number: quick-create a contact with the number prefilled, or attach the number to an
 * existing customer (with the call id, so the journal is re-attached too).
 */
import { useState, type FormEvent } from 'react';
import type { CallerNumber, SearchHit } from '../contract';
import {
  attachNumberForCaller,
  createContactForCaller,
  defaultAttachKind,
  validateNewContact,
  type AttachKind,
  type NewContactForm,
} from './new-caller';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { toUiError, type UiError } from '../ui/ui-error';
import { useT, errorText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { RecordPicker } from '../directory/RecordPicker';
import { Clip } from '../ui/Text';
import { PhoneNumber } from '../format/PhoneNumber';
import { phoneText } from '../format/phone';

const EMPTY: NewContactForm = { firstName: '', lastName: '', email: '', city: '', companyId: null };
const ATTACH_KINDS: AttachKind[] = ['mobile', 'fixe', 'standard', 'autre'];

export function NewCallerCard({ number, liveCallId, callId }: { number: CallerNumber; liveCallId: string | null; callId: string | null }) {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const origin = { liveCallId, callId };

  const [form, setForm] = useState<NewContactForm>(EMPTY);
  const [company, setCompany] = useState<SearchHit | null>(null);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [createError, setCreateError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const [target, setTarget] = useState<SearchHit | null>(null);
  const [kind, setKind] = useState<AttachKind>('autre');
  const [attaching, setAttaching] = useState(false);
  const [attachError, setAttachError] = useState<UiError | null>(null);

  const errors = validateNewContact(form);
  const field = (name: keyof Omit<NewContactForm, 'companyId'>) => ({
    id: `nc-${name}`,
    name,
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
    disabled: saving,
  });

  const onCreate = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length > 0) {
      document.getElementById(errors.lastName ? 'nc-lastName' : 'nc-email')?.focus();
      return;
    }
    setSaving(true);
    setCreateError(null);
    try {
      const contact = await createContactForCaller(origin, number, { ...form, companyId: company?.id ?? null });
      setDone(t('newCaller.created', { name: `${contact.firstName} ${contact.lastName}`.trim() }));
      setForm(EMPTY);
      setCompany(null);
      setTouched(false);
    } catch (error) {
      setCreateError(toUiError(error));
    } finally {
      setSaving(false);
    }
  };

  const onAttach = async (e: FormEvent) => {
    e.preventDefault();
    if (!target) return;
    setAttaching(true);
    setAttachError(null);
    try {
      await attachNumberForCaller(origin, number, { type: target.type, id: target.id }, kind);
      setDone(t('newCaller.attached', { name: target.label }));
      setTarget(null);
    } catch (error) {
      setAttachError(toUiError(error));
    } finally {
      setAttaching(false);
    }
  };

  return (
    <section className="new-caller" data-testid="new-caller" aria-labelledby="nc-title">
      <header className="new-caller-head">
        <span className="identity-avatar new" aria-hidden="true">
          <Icon name="plus" size={22} />
        </span>
        <div>
          <h2 id="nc-title">{t('newCaller.title')}</h2>
          <p className="muted">
            {t('newCaller.subtitle')} <PhoneNumber display={number.display} className="strong" testId="new-caller-number" />
          </p>
        </div>
      </header>
      {done && (
        <p className="notice notice-ok" role="status">
          <Icon name="check" /> <span>{done}</span>
        </p>
      )}
      {canWrite && (
        <div className="new-caller-grid">
          <form className="form card-panel" onSubmit={(e) => void onCreate(e)} noValidate data-testid="new-caller-form">
            <h3 className="section-title">{t('newCaller.create')}</h3>
            <div className="field">
              <label htmlFor="nc-phone" className="field-label">
                {t('newCaller.phone')}
              </label>
              <input id="nc-phone" value={phoneText(number.display)} readOnly className="readonly" data-testid="new-caller-phone" />
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor="nc-firstName" className="field-label">
                  {t('newCaller.firstName')}
                </label>
                <input {...field('firstName')} maxLength={100} autoComplete="off" data-testid="new-caller-firstname" />
              </div>
              <div className="field">
                <label htmlFor="nc-lastName" className="field-label">
                  {t('newCaller.lastName')} <span aria-hidden="true">*</span>
                </label>
                <input
                  {...field('lastName')}
                  maxLength={100}
                  required
                  autoComplete="off"
                  aria-invalid={touched && !!errors.lastName}
                  aria-describedby={touched && errors.lastName ? 'nc-lastName-err' : undefined}
                  data-testid="new-caller-lastname"
                />
                {touched && errors.lastName && (
                  <p id="nc-lastName-err" className="field-error">
                    {t(errors.lastName)}
                  </p>
                )}
              </div>
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor="nc-email" className="field-label">
                  {t('newCaller.email')}
                </label>
                <input
                  {...field('email')}
                  type="email"
                  maxLength={200}
                  autoComplete="off"
                  aria-invalid={touched && !!errors.email}
                  aria-describedby={touched && errors.email ? 'nc-email-err' : undefined}
                  data-testid="new-caller-email"
                />
                {touched && errors.email && (
                  <p id="nc-email-err" className="field-error">
                    {t(errors.email)}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor="nc-city" className="field-label">
                  {t('newCaller.city')}
                </label>
                <input {...field('city')} maxLength={100} autoComplete="off" data-testid="new-caller-city" />
              </div>
            </div>
            {company ? (
              <div className="field">
                <span className="field-label">{t('newCaller.company')}</span>
                <div className="chip">
                  <Icon name="company" />
                  <Clip text={company.label} />
                  <button type="button" className="chip-remove" onClick={() => setCompany(null)} title={t('newCaller.companyClear')}>
                    <Icon name="close" size={14} />
                    <span className="sr-only">{t('newCaller.companyClear')}</span>
                  </button>
                </div>
              </div>
            ) : (
              <RecordPicker
                label={t('newCaller.company')}
                placeholder={t('newCaller.companySearch')}
                only="company"
                onPick={setCompany}
                testId="new-caller-company"
                disabled={saving}
              />
            )}
            {createError && (
              <p className="inline-error" role="alert">
                {errorText(t, createError)}
              </p>
            )}
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={saving} data-testid="new-caller-submit">
                {saving ? t('newCaller.saving') : t('newCaller.submit')}
              </button>
            </div>
          </form>

          <form className="form card-panel" onSubmit={(e) => void onAttach(e)} data-testid="attach-form">
            <h3 className="section-title">{t('newCaller.attachTitle')}</h3>
            {target ? (
              <div className="field">
                <div className="chip">
                  <Icon name={target.type === 'contact' ? 'user' : 'company'} />
                  <Clip text={target.label} />
                  <button type="button" className="chip-remove" onClick={() => setTarget(null)} title={t('nav.close')}>
                    <Icon name="close" size={14} />
                    <span className="sr-only">{t('nav.close')}</span>
                  </button>
                </div>
              </div>
            ) : (
              <RecordPicker
                label={t('newCaller.attachPick')}
                placeholder={t('newCaller.attachSearch')}
                only={null}
                onPick={(hit) => {
                  setTarget(hit);
                  setKind(defaultAttachKind(number, hit.type));
                }}
                testId="attach-search"
                disabled={attaching}
              />
            )}
            {target && (
              <div className="field">
                <label htmlFor="nc-kind" className="field-label">
                  {t('newCaller.attachKind')}
                </label>
                <select id="nc-kind" value={kind} onChange={(e) => setKind(e.target.value as AttachKind)} disabled={attaching}>
                  {ATTACH_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`phoneKind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {attachError && (
              <p className="inline-error" role="alert">
                {errorText(t, attachError)}
              </p>
            )}
            <div className="form-actions">
              <button type="submit" className="btn" disabled={!target || attaching} data-testid="attach-submit">
                <Icon name="link" />
                <Clip text={attaching ? t('newCaller.attaching') : target ? t('newCaller.attachTo', { name: target.label }) : t('newCaller.attachSubmit')} />
              </button>
            </div>
          </form>
        </div>
      )}
    </section>
  );
}
