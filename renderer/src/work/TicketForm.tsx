/** The ticket form of a call, prefilled by the service (caller, company, site address). */
import { useState } from 'react';
import type { TicketDraft } from '../contract';
import { useWorkStore, type TicketFormValues } from './work-store';
import { useT } from '../i18n/use-t';
import { EnumSelect } from '../ui/EnumSelect';

export const TICKET_CATEGORIES = ['depannage', 'demande_devis', 'rdv_intervention', 'reclamation', 'facturation', 'autre'] as const;
export const TICKET_PRIORITIES = ['basse', 'normale', 'haute', 'urgente'] as const;

/**
 * The ticket form of a call (its draft from the service), or of a record opened outside any call
 * (`onSubmit`/`onCancel` given: the record's own panel creates it for its customer).
 */
export function TicketForm({
  callId,
  draft,
  onSubmit,
  onCancel,
}: {
  callId: string;
  draft: TicketDraft;
  onSubmit?: (values: TicketFormValues) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { t } = useT();
  const createTicketForCall = useWorkStore((s) => s.createTicket);
  const closeForCall = useWorkStore((s) => s.closeTicketForm);
  const createTicket = (id: string, values: TicketFormValues) => (onSubmit ? onSubmit(values) : createTicketForCall(id, values));
  const close = (id: string) => (onCancel ? onCancel() : closeForCall(id));
  const [values, setValues] = useState({
    subject: draft.subject,
    description: '',
    category: draft.category,
    priority: draft.priority,
    siteAddress: draft.siteAddress ?? '',
  });
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="ticket-form"
      data-testid="ticket-form"
      aria-label={t('ticket.form.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || values.subject.trim() === '') return;
        setBusy(true);
        void createTicket(callId, values).finally(() => setBusy(false));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          close(callId);
        }
      }}
    >
      <h3>{t('ticket.form.title')}</h3>
      {draft.ownerLabel && <p className="muted">{t('ticket.form.for', { owner: draft.ownerLabel })}</p>}
      <label className="field">
        <span className="field-label">{t('ticket.form.subject')}</span>
        <input
          autoFocus
          required
          maxLength={300}
          value={values.subject}
          data-testid="ticket-subject"
          onChange={(e) => setValues({ ...values, subject: e.target.value })}
        />
      </label>
      <div className="field-row">
        <EnumSelect
          label={t('ticket.form.category')}
          value={values.category}
          values={TICKET_CATEGORIES}
          optionLabel={(c) => t(`ticket.category.${c}`)}
          onChange={(category) => setValues({ ...values, category })}
          testId="ticket-category"
        />
        <EnumSelect
          label={t('ticket.form.priority')}
          value={values.priority}
          values={TICKET_PRIORITIES}
          optionLabel={(p) => t(`ticket.priority.${p}`)}
          onChange={(priority) => setValues({ ...values, priority })}
          testId="ticket-priority"
        />
      </div>
      <label className="field">
        <span className="field-label">{t('ticket.form.site')}</span>
        <input maxLength={500} value={values.siteAddress} data-testid="ticket-site" onChange={(e) => setValues({ ...values, siteAddress: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">{t('ticket.form.description')}</span>
        <textarea
          rows={3}
          maxLength={20_000}
          value={values.description}
          data-testid="ticket-description"
          onChange={(e) => setValues({ ...values, description: e.target.value })}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || values.subject.trim() === ''} data-testid="ticket-submit">
          {t('ticket.form.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => close(callId)}>
          {t('ticket.form.cancel')}
        </button>
      </div>
    </form>
  );
}
