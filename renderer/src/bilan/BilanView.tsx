/**
 * The « Bilan »: the company plan's KPI table with each milestone's target beside the month's
 * measure, the months one by one, and the time-saved model laid open (its counts and its
 * parameters), so nobody reads the model as a measurement. Printable on A4 landscape (bilan.css).
 */
import { useEffect, useState } from 'react';
import type { Locale } from '../contract';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';
import { useAccountStore } from '../account/account-store';
import { errorText, useT } from '../i18n/use-t';
import type { Translate } from '../i18n';
import { fullDateTime } from '../format/format';
import { canEditBilanSettings, useBilanStore, type BilanMonth, type BilanSettings, type BilanTable, type MilestoneCell, type PlanRow } from './bilan-store';
import { figure, monthName, NO_MEASURE, planMonthLabel, signed } from './bilan-format';

export function BilanView() {
  const { t, locale } = useT();
  const table = useBilanStore((s) => s.table);
  const settings = useBilanStore((s) => s.settings);
  const error = useBilanStore((s) => s.error);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const heading = useFocusOnOpen<HTMLHeadingElement>('bilan');
  useEffect(() => {
    if (linkUp) void useBilanStore.getState().load();
  }, [linkUp]);

  return (
    <article className="bilan" data-testid="bilan">
      <div className="view-toolbar">
        <span className="bilan-screen-only">
          <BackButton />
        </span>
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          {t('bilan.title')}
        </h1>
        <button type="button" className="btn btn-small bilan-screen-only bilan-print" onClick={() => window.print()} data-testid="bilan-print">
          {t('bilan.print')}
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}{' '}
          <button type="button" className="btn btn-small bilan-screen-only" onClick={() => void useBilanStore.getState().load()}>
            {t('error.retry')}
          </button>
        </p>
      )}
      {!table ? (
        !error && <p className="loading muted">{t('bilan.loading')}</p>
      ) : (
        <>
          <header className="bilan-head">
            <p className="bilan-subtitle">{t('bilan.subtitle')}</p>
            <p className="muted" data-testid="bilan-plan-start">
              {planStartText(t, table, locale)} · {t('bilan.asOf', { date: fullDateTime(table.asOf, locale) })}
            </p>
          </header>
          <PlanTable table={table} />
          <MonthsTable months={table.months} />
          <TimeSavedModel table={table} />
          {settings && <BilanSettingsForm settings={settings} />}
        </>
      )}
    </article>
  );
}

function planStartText(t: Translate, table: BilanTable, locale: Locale): string {
  const month = monthName(table.planStart, locale);
  if (table.planStartSource === 'setting') return t('bilan.planStart.setting', { month });
  if (table.planStartSource === 'first-call') return t('bilan.planStart.firstCall', { month });
  return t('bilan.planStart.none');
}

/** A plan row's figure, in its unit (NPS signed, satisfaction with a decimal, the rest whole or one decimal). */
function kpiValue(kpi: PlanRow['kpi'], value: number | null, locale: Locale): string {
  switch (kpi) {
    case 'nps':
      return signed(value, locale);
    case 'timeSaved':
    case 'traceability':
    case 'revenue':
      return figure(value, locale, 0);
    default:
      return figure(value, locale, 1);
  }
}

function StatusMark({ status }: { status: MilestoneCell['status'] }) {
  const { t } = useT();
  // The word always says it; the mark only repeats it (never colour alone).
  const mark = status === 'reached' ? '✓ ' : status === 'missed' ? '✗ ' : '';
  return (
    <span className={`bilan-status bilan-status-${status}`} data-testid="milestone-status">
      {mark}
      {t(`bilan.status.${status}`)}
    </span>
  );
}

function PlanTable({ table }: { table: BilanTable }) {
  const { t, locale } = useT();
  const head = table.rows[0]?.milestones ?? [];
  return (
    <section className="bilan-section" aria-labelledby="bilan-plan-title">
      <h2 id="bilan-plan-title">{t('bilan.plan.title')}</h2>
      <table className="bilan-table bilan-plan" data-testid="bilan-plan">
        <thead>
          <tr>
            <th scope="col">{t('bilan.plan.kpi')}</th>
            {head.map((cell) => (
              <th scope="col" key={cell.milestone} data-testid={`milestone-${cell.milestone}`}>
                {cell.milestone}
                <span className="bilan-month-of">{cell.month ? monthName(cell.month, locale) : NO_MEASURE}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.kpi} data-testid={`plan-row-${row.kpi}`} data-measured={row.measuredByAccueil}>
              <th scope="row">
                {t(`bilan.kpi.${row.kpi}`)}
                {row.kpi === 'timeSaved' && <span className="bilan-month-of">{t('bilan.kpi.timeSaved.note')}</span>}
              </th>
              {row.milestones.map((cell) => (
                <td key={cell.milestone} data-status={cell.status} data-testid={`cell-${row.kpi}-${cell.milestone}`}>
                  <span className="bilan-target" data-testid="target">
                    {t('bilan.plan.target', { value: kpiValue(row.kpi, cell.target, locale) })}
                  </span>
                  {row.measuredByAccueil && (
                    <span className="bilan-measured" data-testid="measured">
                      {t('bilan.plan.measured', { value: kpiValue(row.kpi, cell.measured, locale) })}
                      {cell.n !== null && cell.n > 0 ? ` (${t('bilan.plan.n', { n: cell.n })})` : ''}
                    </span>
                  )}
                  <StatusMark status={cell.status} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function MonthsTable({ months }: { months: BilanMonth[] }) {
  const { t, locale } = useT();
  return (
    <section className="bilan-section" aria-labelledby="bilan-months-title">
      <h2 id="bilan-months-title">{t('bilan.months.title')}</h2>
      <table className="bilan-table bilan-months" data-testid="bilan-months">
        <thead>
          <tr>
            <th scope="col">{t('bilan.months.month')}</th>
            <th scope="col">{t('bilan.months.planMonth')}</th>
            <th scope="col" className="num">{t('bilan.months.workingDays')}</th>
            <th scope="col" className="num">{t('bilan.months.inbound')}</th>
            <th scope="col" className="num">{t('bilan.kpi.inboundPerDay')}</th>
            <th scope="col" className="num">{t('bilan.months.satisfaction')}</th>
            <th scope="col" className="num">{t('bilan.months.nps')}</th>
            <th scope="col" className="num">{t('bilan.months.traceability')}</th>
            <th scope="col" className="num">{t('bilan.months.timeSaved')}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} data-testid={`month-${m.month}`} data-partial={m.partial}>
              <th scope="row">
                {monthName(m.month, locale)} {m.partial && <span className="muted">{t('bilan.months.partial')}</span>}
              </th>
              <td>{planMonthLabel(m.planMonth)}</td>
              <td className="num">{m.workingDays}</td>
              <td className="num">{m.inbound.calls}</td>
              <td className="num" data-testid="inbound-per-day">{figure(m.inbound.perWorkingDay, locale)}</td>
              <td className="num" data-testid="satisfaction">
                {figure(m.satisfaction.mean, locale)}
                {m.satisfaction.n > 0 && <span className="bilan-n"> n = {m.satisfaction.n}</span>}
              </td>
              <td className="num" data-testid="nps">{signed(m.satisfaction.nps, locale)}</td>
              <td className="num" data-testid="traceability">
                {m.traceability.percent === null ? NO_MEASURE : `${figure(m.traceability.percent, locale, 0)} %`}
                {m.traceability.answered > 0 && <span className="bilan-n"> {t('bilan.months.loggedOf', { logged: m.traceability.logged, answered: m.traceability.answered })}</span>}
              </td>
              <td className="num" data-testid="time-saved">{figure(m.timeSaved.hoursPerYear, locale, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="bilan-note muted">{t('bilan.months.note')}</p>
    </section>
  );
}

function TimeSavedModel({ table }: { table: BilanTable }) {
  const { t, locale } = useT();
  const p = table.parameters;
  const actions: Array<{ id: string; label: string; seconds: number; note?: string }> = [
    { id: 'pop', label: t('bilan.model.pop'), seconds: p.secondsPerPop },
    { id: 'template-email', label: t('bilan.model.templateEmail'), seconds: p.secondsPerTemplateEmail },
    { id: 'survey', label: t('bilan.model.survey'), seconds: p.secondsPerSurvey },
    { id: 'relance', label: t('bilan.model.relance'), seconds: p.secondsPerRelance, note: t('bilan.model.relanceNote') },
  ];
  return (
    <section className="bilan-section bilan-model" aria-labelledby="bilan-model-title" data-testid="bilan-model">
      <h2 id="bilan-model-title">{t('bilan.model.title')}</h2>
      <p className="bilan-note">{t('bilan.model.intro')}</p>
      <table className="bilan-table bilan-parameters" data-testid="bilan-parameters">
        <thead>
          <tr>
            <th scope="col">{t('bilan.model.action')}</th>
            <th scope="col" className="num">{t('bilan.model.seconds')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id} data-testid={`parameter-${a.id}`}>
              <th scope="row">
                {a.label}
                {a.note && <span className="bilan-month-of">{a.note}</span>}
              </th>
              <td className="num">{a.seconds} s</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="bilan-table bilan-counts" data-testid="bilan-counts">
        <thead>
          <tr>
            <th scope="col">{t('bilan.months.month')}</th>
            <th scope="col" className="num">{t('bilan.model.pops')}</th>
            <th scope="col" className="num">{t('bilan.model.templateEmails')}</th>
            <th scope="col" className="num">{t('bilan.model.surveys')}</th>
            <th scope="col" className="num">{t('bilan.model.relances')}</th>
            <th scope="col" className="num">{t('bilan.model.hours')}</th>
            <th scope="col" className="num">{t('bilan.model.perYear')}</th>
          </tr>
        </thead>
        <tbody>
          {table.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{monthName(m.month, locale)}</th>
              <td className="num">{m.timeSaved.pops}</td>
              <td className="num">{m.timeSaved.templateEmails}</td>
              <td className="num">{m.timeSaved.surveys}</td>
              <td className="num">{m.timeSaved.relances}</td>
              <td className="num">{figure(m.timeSaved.hours, locale)}</td>
              <td className="num">{figure(m.timeSaved.hoursPerYear, locale, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const PARAMETERS = ['secondsPerPop', 'secondsPerTemplateEmail', 'secondsPerSurvey', 'secondsPerRelance'] as const;
const PARAMETER_LABELS = {
  secondsPerPop: 'bilan.model.pop',
  secondsPerTemplateEmail: 'bilan.model.templateEmail',
  secondsPerSurvey: 'bilan.model.survey',
  secondsPerRelance: 'bilan.model.relance',
} as const;

/** Month 0 and the model's parameters: on screen only (the printed page shows the values above). */
function BilanSettingsForm({ settings }: { settings: BilanSettings }) {
  const { t, locale } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const accountRole = useAccountStore((s) => s.account?.role);
  const saving = useBilanStore((s) => s.saving);
  const saveError = useBilanStore((s) => s.saveError);
  const [planStart, setPlanStart] = useState(settings.planStart ?? '');
  const [seconds, setSeconds] = useState(settings.timeSaved);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setPlanStart(settings.planStart ?? '');
    setSeconds(settings.timeSaved);
  }, [settings]);
  const editable = canWrite && canEditBilanSettings(accountRole);
  const save = async () => {
    setSaved(false);
    setSaved(await useBilanStore.getState().saveSettings({ planStart: planStart === '' ? null : planStart, timeSaved: seconds }));
  };
  return (
    <section className="bilan-section bilan-screen-only settings-section" aria-labelledby="bilan-settings-title" data-testid="bilan-settings">
      <h2 id="bilan-settings-title">{t('bilan.settings.title')}</h2>
      {!editable && <p className="muted">{t('bilan.settings.adminOnly')}</p>}
      <fieldset disabled={!editable || saving} className="bilan-settings-fields">
        <label className="field">
          <span>{t('bilan.settings.planStart')}</span>
          <input type="month" value={planStart} onChange={(e) => setPlanStart(e.target.value)} data-testid="bilan-plan-start-input" />
          <small className="muted">
            {t('bilan.settings.planStartHelp')} {settings.firstCallMonth && !planStart ? t('bilan.settings.planStartDefault', { month: monthName(settings.firstCallMonth, locale) }) : ''}
          </small>
        </label>
        {PARAMETERS.map((key) => (
          <label className="field" key={key}>
            <span>
              {t(PARAMETER_LABELS[key])} — {t('bilan.model.seconds').toLowerCase()}
            </span>
            <input
              type="number"
              min={0}
              max={3600}
              value={seconds[key]}
              onChange={(e) => setSeconds((s) => ({ ...s, [key]: Math.max(0, Math.min(3600, Math.round(Number(e.target.value) || 0))) }))}
              data-testid={`bilan-${key}`}
            />
          </label>
        ))}
      </fieldset>
      {editable && (
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving} data-testid="bilan-settings-save">
          {t('bilan.settings.save')}
        </button>
      )}
      {saved && <span className="inline-ok">{t('bilan.settings.saved')}</span>}
      {saveError && <span className="inline-error">{errorText(t, saveError)}</span>}
    </section>
  );
}
