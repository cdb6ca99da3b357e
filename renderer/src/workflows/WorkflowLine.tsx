/** « Relance J+15 (e-mail) prévue jeudi 10 déc. 10:00 », on the pop and the record: what runs by itself for this customer. */
import { useEffect } from 'react';
import { useConnectionStore } from '../app/connection-store';
import { useViewStore } from '../app/view-store';
import { fullDateTime, relativeTime } from '../format/format';
import { useT } from '../i18n/use-t';
import { useNow } from '../ui/use-now';
import { recordKey, useWorkflowsStore } from './workflows-store';

export function WorkflowLine({ contactId, companyId }: { contactId: string | null | undefined; companyId: string | null | undefined }) {
  const { t, locale } = useT();
  const now = useNow(60_000);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const key = recordKey(contactId, companyId);
  const steps = useWorkflowsStore((s) => (key ? s.forRecord[key] : undefined));
  const show = useViewStore((s) => s.show);
  useEffect(() => {
    if (key && linkUp) void useWorkflowsStore.getState().loadForRecord(contactId ?? null, companyId ?? null);
  }, [key, contactId, companyId, linkUp]);
  if (!steps || steps.length === 0) return null;
  const [first, ...others] = steps;
  return (
    <p className="workflow-line" data-testid="workflow-line">
      <button type="button" className="link" onClick={() => show({ kind: 'workflows' })} title={`${first!.ruleName} — ${first!.recordLabel}`}>
        {first!.state === 'held'
          ? t('workflows.lineHeld', { step: first!.stepLabel })
          : t('workflows.line', { step: first!.stepLabel, when: relativeTime(first!.dueAt, now, locale, t('time.now')) })}
      </button>
      <span className="sr-only"> ({fullDateTime(first!.dueAt, locale)})</span>
      {others.length > 0 && <span className="muted"> {t('workflows.lineMore', { count: others.length })}</span>}
    </p>
  );
}
