/**
 * « Fiche » on a visit of the record: what the technician wrote on site (checks, report, parts,
 * arrival and departure, photos, signature), read from the company server, and the report and
 * parts corrected by the office before « Terminé ». A save names the version it corrects: if the
 * phone wrote meanwhile, the service refuses and the text stays on screen to compare.
 */
import { useEffect, useRef, useState } from 'react';
import type { CallOutput, Intervention } from '../contract';
import { api } from '../transport/contract-client';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { errorText, useT } from '../i18n/use-t';
import { toUiError, type UiError } from '../ui/ui-error';
import { useModalDialog } from '../ui/modal-dialog';
import { Icon } from '../ui/Icon';
import { fullDateTime, timeOfDay } from '../format/format';
import './field-sheet.css';

type Sheet = CallOutput<'technician.sheet'>;
type Part = Sheet['parts'][number];

export function FieldSheetButton({ intervention }: { intervention: Pick<Intervention, 'id' | 'status' | 'kind'> }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  // Nothing is written on site for a cancelled visit.
  if (intervention.status === 'annulee') return null;
  return (
    <>
      <button type="button" className="btn btn-small btn-ghost" data-testid="field-sheet-open" aria-label={t('fieldSheet.openFor', { kind: intervention.kind })} onClick={() => setOpen(true)}>
        {t('fieldSheet.open')}
      </button>
      {open && <FieldSheetDialog intervention={intervention} onClose={() => setOpen(false)} />}
    </>
  );
}

function FieldSheetDialog({ intervention, onClose }: { intervention: Pick<Intervention, 'id' | 'kind'>; onClose: () => void }) {
  const { t, locale } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const dialog = useRef<HTMLDivElement>(null);
  const { onKeyDown } = useModalDialog(dialog, { onClose, initialFocus: (element) => element.querySelector<HTMLElement>('textarea, [data-autofocus]') });
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [report, setReport] = useState('');
  const [parts, setParts] = useState<Part[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const show = (next: Sheet) => {
    setSheet(next);
    setReport(next.report ?? '');
    setParts(next.parts);
  };
  const load = async () => {
    try {
      show(await api().invoke('technician.sheet', { interventionId: intervention.id }));
      setError(null);
    } catch (e) {
      setError(toUiError(e));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const save = async () => {
    if (!sheet) return;
    setBusy(true);
    setSaved(false);
    try {
      const cleanParts = parts.filter((p) => p.label.trim()).map((p) => ({ label: p.label.trim(), quantity: Math.max(1, Math.round(p.quantity) || 1) }));
      show(await api().invoke('technician.saveSheet', { interventionId: intervention.id, expectedUpdatedAt: sheet.updatedAt, report: report.trim() ? report : null, parts: cleanParts }));
      setSaved(true);
      setError(null);
    } catch (e) {
      // The text stays as typed: the person compares with the sheet read again.
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  };

  const editable = canWrite && sheet !== null && !sheet.done;
  const when = (iso: string | null) => (iso ? timeOfDay(iso, locale) : t('fieldSheet.notYet'));
  const titleId = `field-sheet-title-${intervention.id}`;
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog field-sheet" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} ref={dialog} data-testid="field-sheet" onKeyDown={onKeyDown}>
        <div className="dialog-head">
          <h2 id={titleId}>{t('fieldSheet.title', { kind: intervention.kind })}</h2>
          <button type="button" className="icon-btn" onClick={onClose} title={t('nav.close')}>
            <Icon name="close" size={18} />
            <span className="sr-only">{t('nav.close')}</span>
          </button>
        </div>
        {sheet && (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <p className="muted" data-testid="field-sheet-meta">
              {sheet.updatedAt ? t(sheet.updatedBy === 'office' ? 'fieldSheet.by.office' : 'fieldSheet.by.phone', { when: fullDateTime(sheet.updatedAt, locale) }) : t('fieldSheet.empty')}
            </p>
            <p>
              {t('fieldSheet.times', { start: when(sheet.startedAt), stop: when(sheet.stoppedAt) })} · {t('fieldSheet.pictures', { count: sheet.photos, signature: t(sheet.signed ? 'fieldSheet.signed' : 'fieldSheet.unsigned') })}
            </p>
            {sheet.done && (
              <p className="field-sheet-done" role="status">
                {t('fieldSheet.done')}
              </p>
            )}
            {sheet.checklist.length > 0 && (
              <fieldset className="field-sheet-checks">
                <legend>{t('fieldSheet.checklist')}</legend>
                <ul>
                  {sheet.checklist.map((line) => (
                    <li key={line.label}>
                      <span aria-hidden="true">{line.done ? '✓' : '○'}</span> {line.label}
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}
            <label className="field">
              <span className="field-label">{t('fieldSheet.report')}</span>
              <textarea rows={6} value={report} maxLength={20_000} disabled={!editable || busy} onChange={(e) => setReport(e.target.value)} data-testid="field-sheet-report" />
            </label>
            <fieldset className="field-sheet-parts">
              <legend>{t('fieldSheet.parts')}</legend>
              {parts.map((part, i) => (
                <div className="field-row" key={i} data-testid="field-sheet-part">
                  <label className="field">
                    <span className="field-label">{t('fieldSheet.part')}</span>
                    <input value={part.label} maxLength={200} disabled={!editable || busy} onChange={(e) => setParts(parts.map((p, j) => (j === i ? { ...p, label: e.target.value } : p)))} />
                  </label>
                  <label className="field field-sheet-quantity">
                    <span className="field-label">{t('fieldSheet.quantity')}</span>
                    <input type="number" min={1} max={9999} value={part.quantity} disabled={!editable || busy} onChange={(e) => setParts(parts.map((p, j) => (j === i ? { ...p, quantity: Number(e.target.value) } : p)))} />
                  </label>
                  <button type="button" className="btn btn-small btn-ghost" disabled={!editable || busy} onClick={() => setParts(parts.filter((_, j) => j !== i))} aria-label={t('fieldSheet.removePart', { label: part.label || String(i + 1) })}>
                    <Icon name="close" size={14} />
                  </button>
                </div>
              ))}
              <button type="button" className="btn btn-small btn-ghost" disabled={!editable || busy} onClick={() => setParts([...parts, { label: '', quantity: 1 }])} data-testid="field-sheet-add-part">
                {t('fieldSheet.addPart')}
              </button>
            </fieldset>
            {!sheet.done && <p className="muted">{t('fieldSheet.hint')}</p>}
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={!editable || busy} data-testid="field-sheet-save">
                {t('fieldSheet.save')}
              </button>
              <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void load()} data-testid="field-sheet-reload">
                {t('fieldSheet.reload')}
              </button>
              {saved && (
                <span role="status" data-testid="field-sheet-saved">
                  {t('fieldSheet.saved')}
                </span>
              )}
            </div>
          </form>
        )}
        {error && (
          <p className="inline-error" role="alert" data-testid="field-sheet-error">
            {errorText(t, error)}
          </p>
        )}
      </div>
    </div>
  );
}
