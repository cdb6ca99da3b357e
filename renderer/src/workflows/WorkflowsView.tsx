/**
 * « Automatisations »: is it running (or paused, and since when), what waits for a decision, each
 * rule with its switch, delays, templates and catch-up policy, then the coming steps, a dry run of
 * the next 14 days and the history — each step with the reason it ran, waits or was skipped.
 */
import { useEffect, useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';
import { useViewStore } from '../app/view-store';
import { errorText, useT } from '../i18n/use-t';
import { fullDateTime } from '../format/format';
import { useWorkflowsStore, type DryRunItem, type RuleUpdate, type WorkflowRule, type WorkflowStepItem, type WorkflowsTab } from './workflows-store';
import { TemplateOptions } from '../templates/TemplateOptions';

const UNITS = ['calendar_days', 'working_days', 'months', 'hours'] as const;
const POLICIES = ['send_late', 'skip', 'ask'] as const;
const TABS: readonly WorkflowsTab[] = ['upcoming', 'dryRun', 'history'];

export function WorkflowsView() {
  const { t, locale } = useT();
  const overview = useWorkflowsStore((s) => s.overview);
  const attention = useWorkflowsStore((s) => s.attention);
  const error = useWorkflowsStore((s) => s.error);
  const busy = useWorkflowsStore((s) => s.busy);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const canWrite = useConnectionStore(selectCanWrite);
  const heading = useFocusOnOpen<HTMLHeadingElement>('workflows');
  useEffect(() => {
    if (linkUp) {
      void useWorkflowsStore.getState().load();
    }
  }, [linkUp]);

  return (
    <article className="workflows" data-testid="workflows">
      <div className="view-toolbar">
        <BackButton />
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          {t('workflows.title')}
        </h1>
        {overview && (
          <span className={`pill ${overview.paused ? 'pill-busy' : overview.running ? 'pill-ok' : 'pill-idle'}`} data-testid="workflows-state">
            {overview.paused ? t('workflows.paused', { date: fullDateTime(overview.pausedAt!, locale) }) : overview.running ? t('workflows.running') : overview.notRunning}
          </span>
        )}
        {overview && canWrite && (
          <button
            type="button"
            className={`btn btn-small ${overview.paused ? 'btn-primary' : ''}`}
            disabled={busy}
            onClick={() => void useWorkflowsStore.getState().setPaused(!overview.paused)}
            data-testid="workflows-pause"
            title={overview.paused ? t('workflows.resumeHint') : undefined}
          >
            {overview.paused ? t('workflows.resume') : t('workflows.pauseAll')}
          </button>
        )}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {!overview ? (
        !error && <p className="loading muted">{t('workflows.loading')}</p>
      ) : (
        <>
          {overview.lastCatchUp && (
            <p className="workflows-catch-up" role="status" data-testid="workflows-catch-up">
              {t('workflows.catchUp', {
                date: fullDateTime(overview.lastCatchUp.at, locale),
                overdue: overview.lastCatchUp.overdue,
                sentLate: overview.lastCatchUp.sentLate,
                skipped: overview.lastCatchUp.skipped,
                held: overview.lastCatchUp.held,
              })}{' '}
              {canWrite && (
                <button type="button" className="btn btn-small" onClick={() => void useWorkflowsStore.getState().dismissCatchUp()}>
                  {t('workflows.catchUpOk')}
                </button>
              )}
            </p>
          )}
          <section aria-labelledby="workflows-attention" className="workflows-attention" data-testid="workflows-attention">
            <h2 id="workflows-attention">{t('workflows.attention', { count: attention.length })}</h2>
            {attention.length === 0 ? (
              <p className="muted">{t('workflows.attentionNone')}</p>
            ) : (
              <ul className="workflows-list">
                {attention.map((item) => (
                  <li key={item.id} data-testid="workflows-attention-item">
                    <StepSummary item={item} />
                    {canWrite && (
                      <span className="workflows-actions">
                        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void useWorkflowsStore.getState().decide(item.id, item.state === 'failed' ? 'retry' : 'run')}>
                          {item.state === 'failed' ? t('workflows.retry') : t('workflows.runNow')}
                        </button>
                        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void useWorkflowsStore.getState().decide(item.id, 'skip')}>
                          {t('workflows.skip')}
                        </button>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="workflows-rules">
            <h2 id="workflows-rules">{t('workflows.rules')}</h2>
            <div className="workflows-rules">
              {overview.rules.map((rule) => (
                <RuleCard key={rule.id} rule={rule} canWrite={canWrite} />
              ))}
            </div>
          </section>
          <Steps />
        </>
      )}
    </article>
  );
}

function StepSummary({ item }: { item: WorkflowStepItem }) {
  const { locale } = useT();
  const show = useViewStore((s) => s.show);
  return (
    <span className="workflows-step">
      <strong>{item.ruleName}</strong> · {item.stepLabel} · <time dateTime={item.dueAt}>{fullDateTime(item.dueAt, locale)}</time>
      <br />
      {item.contactId ? (
        <button type="button" className="link" onClick={() => show({ kind: 'record', ref: { type: 'contact', id: item.contactId! } })}>
          {item.contactName || item.recordLabel}
        </button>
      ) : (
        item.recordLabel
      )}{' '}
      — {item.recordLabel}
      {item.reason && <span className="workflows-reason"> — {item.reason}</span>}
    </span>
  );
}

function RuleCard({ rule, canWrite }: { rule: WorkflowRule; canWrite: boolean }) {
  const { t, locale } = useT();
  const busy = useWorkflowsStore((s) => s.busy);
  const templates = useWorkflowsStore((s) => s.templates);
  const [draft, setDraft] = useState<RuleUpdate>(() => fromRule(rule));
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(fromRule(rule)), [rule]);
  const editable = canWrite && !rule.delegatedTo && !rule.unavailable;
  const changed = JSON.stringify(draft) !== JSON.stringify(fromRule(rule));
  const save = async () => {
    setSaved(await useWorkflowsStore.getState().updateRule(draft));
  };
  return (
    <section className={`workflows-rule ${rule.enabled ? '' : 'workflows-rule-off'}`} data-testid={`workflow-rule-${rule.id}`} aria-label={rule.name}>
      <header className="workflows-rule-head">
        <h3>{rule.name}</h3>
        <label className="workflows-switch">
          <input
            type="checkbox"
            checked={rule.enabled}
            disabled={!editable || busy}
            onChange={(e) => void useWorkflowsStore.getState().updateRule({ ruleId: rule.id, enabled: e.target.checked })}
            data-testid={`workflow-toggle-${rule.id}`}
          />{' '}
          {t('workflows.enabled')}
        </label>
      </header>
      <p className="muted">{rule.description}</p>
      <p className="workflows-rule-meta">
        {t('workflows.trigger', { trigger: rule.triggerLabel })}
        {rule.delegatedTo && <> · {t('workflows.delegated')}</>}
        {rule.unavailable && <> · {rule.unavailable}</>}
        {!rule.delegatedTo && !rule.unavailable && (
          <>
            {' · '}
            {t('workflows.counts', { active: rule.active, planned: rule.planned })}
            {rule.nextRunAt && <> · {t('workflows.next', { date: fullDateTime(rule.nextRunAt, locale) })}</>}
          </>
        )}
      </p>
      {rule.steps.length > 0 && (
        <ol className="workflows-rule-steps">
          {rule.steps.map((step) => {
            const value = draft.steps?.find((s) => s.id === step.id);
            const setStep = (change: Partial<NonNullable<RuleUpdate['steps']>[number]>) =>
              setDraft({ ...draft, steps: (draft.steps ?? []).map((s) => (s.id === step.id ? { ...s, ...change } : s)) });
            return (
              <li key={step.id}>
                <span className="workflows-step-label">{step.label}</span>
                <label className="workflows-inline">
                  <span className="sr-only">
                    {t('workflows.step.delay')} — {step.label}
                  </span>
                  <input
                    type="number"
                    min={-60}
                    max={400}
                    value={value?.amount ?? step.amount}
                    disabled={!editable}
                    onChange={(e) => setStep({ amount: Number.parseInt(e.target.value || '0', 10) })}
                    data-testid={`workflow-delay-${rule.id}-${step.id}`}
                  />
                </label>
                <label className="workflows-inline">
                  <span className="sr-only">{t('workflows.step.delay')}</span>
                  <select value={value?.unit ?? step.unit} disabled={!editable} onChange={(e) => setStep({ unit: e.target.value as (typeof UNITS)[number] })}>
                    {UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {t(`workflows.unit.${unit}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {step.atHour !== null && <span className="muted">{t('workflows.atHour', { hour: step.atHour })}</span>}
                {step.action === 'email' && (
                  <label className="workflows-inline">
                    <span className="sr-only">{t('workflows.step.template')}</span>
                    <select value={value?.templateId ?? step.templateId ?? ''} disabled={!editable} onChange={(e) => setStep({ templateId: e.target.value })} data-testid={`workflow-template-${rule.id}-${step.id}`}>
                      {!templates.some((tpl) => tpl.id === (value?.templateId ?? step.templateId)) && <option value={value?.templateId ?? step.templateId ?? ''}>{step.templateName ?? step.templateId}</option>}
                      <TemplateOptions templates={templates} />
                    </select>
                  </label>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {editable && (
        <div className="workflows-rule-foot">
          <label className="workflows-inline">
            {t('workflows.catchUpPolicy')}{' '}
            <select value={draft.catchUp ?? rule.catchUp} onChange={(e) => setDraft({ ...draft, catchUp: e.target.value as (typeof POLICIES)[number] })} data-testid={`workflow-catchup-${rule.id}`}>
              {POLICIES.map((policy) => (
                <option key={policy} value={policy}>
                  {t(`workflows.catchUp.${policy}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-small btn-primary" disabled={!changed || busy} onClick={() => void save()} data-testid={`workflow-save-${rule.id}`}>
            {t('workflows.save')}
          </button>
          {saved && !changed && (
            <span className="muted" role="status">
              {t('workflows.saved')}
            </span>
          )}
        </div>
      )}
    </section>
  );
}

function fromRule(rule: WorkflowRule): RuleUpdate {
  return { ruleId: rule.id, catchUp: rule.catchUp, steps: rule.steps.map((s) => ({ id: s.id, amount: s.amount, unit: s.unit, ...(s.templateId ? { templateId: s.templateId } : {}) })) };
}

function Steps() {
  const { t, locale } = useT();
  const tab = useWorkflowsStore((s) => s.tab);
  const upcoming = useWorkflowsStore((s) => s.upcoming);
  const dryRun = useWorkflowsStore((s) => s.dryRun);
  const history = useWorkflowsStore((s) => s.history);
  const rows: Array<WorkflowStepItem | DryRunItem> = tab === 'upcoming' ? upcoming : tab === 'dryRun' ? dryRun : history;
  return (
    <section className="workflows-steps" aria-label={t(`workflows.tab.${tab}`)}>
      <div role="tablist" className="workflows-tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={`btn btn-small ${tab === name ? 'btn-primary' : 'btn-ghost'}`}
            onClick={() => useWorkflowsStore.getState().setTab(name)}
            data-testid={`workflows-tab-${name}`}
          >
            {t(`workflows.tab.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'dryRun' && <p className="muted">{t('workflows.dryRunHint')}</p>}
      {rows.length === 0 ? (
        <p className="muted">{t('workflows.empty')}</p>
      ) : (
        <table className="workflows-table" data-testid={`workflows-table-${tab}`}>
          <thead>
            <tr>
              <th scope="col">{t('workflows.col.when')}</th>
              <th scope="col">{t('workflows.col.rule')}</th>
              <th scope="col">{t('workflows.col.customer')}</th>
              <th scope="col">{t('workflows.col.record')}</th>
              <th scope="col">{t('workflows.col.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-state={row.state}>
                <td>
                  <time dateTime={row.finishedAt ?? row.dueAt}>{fullDateTime(tab === 'history' ? (row.finishedAt ?? row.dueAt) : row.dueAt, locale)}</time>
                </td>
                <td>
                  {row.ruleName}
                  <br />
                  <span className="muted">{row.stepLabel}</span>
                </td>
                <td>{row.contactName ?? '—'}</td>
                <td>{row.recordLabel}</td>
                <td>{'outcome' in row ? row.outcome : [t(`workflows.state.${row.state}`), row.reason].filter(Boolean).join(' — ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
