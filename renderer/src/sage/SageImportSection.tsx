/**
 * Paramètres › Import Sage: the accountant's file (Sage 100 « format Sage », Sage 50, any CSV, or an
 * échéancier) chosen here, sent in parts, and shown as it would be read before anything is stored —
 * its source (whose page and columns are remembered), format, code page, what it holds, which
 * column each field reads (the mapping step of a CSV whose labels Sage does not write), and its
 * first rows. « Essai à blanc » gives the whole report and stores nothing; « Importer » stores it
 * in one transaction. The same import as `accueil sage import` and the watched folder.
 */
import { useRef, useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { api } from '../transport/contract-client';
import { errorText, useT } from '../i18n/use-t';
import type { MessageKey, Translate } from '../i18n';
import { toUiError, type UiError } from '../ui/ui-error';
import { bytesToBase64 } from '../ui/base64';
import type { CallInput, CallOutput } from '../contract';
import { useSageStore } from './sage-store';

type Analysis = CallOutput<'sage.finishUpload'>;
type Summary = CallOutput<'sage.importFile'>;
type Choice = Omit<CallInput<'sage.analyseFile'>, 'fileId'>;

/** The contract's values (sage-calls.ts), listed here: the renderer loads no module that builds zod schemas. */
const FORMATS = ['sage100', 'sage50', 'csv'] as const satisfies ReadonlyArray<CallInput<'sage.analyseFile'>['format']>;

/** A file refused whole, with its line when the reader knows it. */
function refusalText(t: Translate, error: { line: number | null; reason: string }): string {
  return error.line !== null ? t('sage.importRefusedAt', { line: error.line, reason: error.reason }) : t('sage.importRefused', { reason: error.reason });
}
const ENCODINGS = ['windows-1252', 'ibm850', 'ibm437', 'utf-8'] as const satisfies ReadonlyArray<CallInput<'sage.analyseFile'>['encoding']>;

export function SageImportSection() {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const input = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState<{ sent: number; size: number } | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [choice, setChoice] = useState<Choice>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  const [busy, setBusy] = useState<'analyse' | 'dry' | 'import' | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  // A field a newer server maps, unknown to this console, keeps its name.
  const fieldLabel = (field: string): string => (t(`sage.mapField.${field}` as MessageKey) as string | undefined) ?? field;

  const send = async (file: File) => {
    setError(null);
    setSummary(null);
    setAnalysis(null);
    setSending({ sent: 0, size: file.size });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { uploadId, partBytes } = await api().invoke('sage.beginUpload', { name: file.name || 'sage.txt', size: bytes.length });
      for (let offset = 0, index = 0; offset < bytes.length; offset += partBytes, index++) {
        await api().invoke('sage.uploadPart', { uploadId, index, data: bytesToBase64(bytes.subarray(offset, offset + partBytes)) });
        setSending({ sent: Math.min(bytes.length, offset + partBytes), size: bytes.length });
      }
      const analysed = await api().invoke('sage.finishUpload', { uploadId });
      setAnalysis(analysed);
      // The source's remembered settings are what the file is read with until the person changes them.
      setChoice({ source: analysed.source, ...(analysed.knownSource ? {} : { mapping: analysed.mapping }) });
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setSending(null);
    }
  };

  const reread = async (next: Choice) => {
    if (!analysis) return;
    setChoice(next);
    setSummary(null);
    setBusy('analyse');
    try {
      setAnalysis(await api().invoke('sage.analyseFile', { fileId: analysis.fileId, ...next }));
      setError(null);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!analysis) return;
    setBusy(dryRun ? 'dry' : 'import');
    try {
      const done = await api().invoke('sage.importFile', { fileId: analysis.fileId, ...choice, ...(analysis.headers ? { mapping: analysis.mapping } : {}), dryRun });
      setSummary(done);
      setError(null);
      if (!dryRun && !done.fileError) {
        // Stored: the file is no longer staged; new doubtful matches may wait below.
        setAnalysis(null);
        if (input.current) input.current.value = '';
        void useSageStore.getState().loadReviews();
      }
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  };

  const cancel = async () => {
    if (analysis) await api().invoke('sage.discardFile', { fileId: analysis.fileId }).catch(() => undefined);
    setAnalysis(null);
    setSummary(null);
    if (input.current) input.current.value = '';
  };

  /** Column → the field it is read as (the inverse of the mapping: one field per column, one column per field). */
  const fieldOf: Record<string, string> = {};
  for (const [f, label] of Object.entries(analysis?.mapping ?? {})) fieldOf[label] = f;

  const mapColumn = (label: string, field: string) => {
    if (!analysis) return;
    const mapping: Record<string, string> = {};
    // Choosing a field for this column takes it from the column that had it.
    for (const [f, l] of Object.entries(analysis.mapping)) if (f !== field && l !== label) mapping[f] = l;
    if (field) mapping[field] = label;
    void reread({ ...choice, mapping });
  };

  const disabled = !canWrite || busy !== null || sending !== null;
  const blocked = !analysis || analysis.fileError !== null || analysis.missing.length > 0;

  return (
    <section className="card-panel form" aria-labelledby="sage-import-title" data-testid="sage-import" aria-busy={busy !== null || sending !== null}>
      <h2 id="sage-import-title">{t('sage.import')}</h2>
      <p className="muted">{t('sage.importHint')}</p>
      <label className="field">
        <span className="field-label">{t('sage.importFile')}</span>
        <input
          ref={input}
          type="file"
          accept=".txt,.csv,.tsv,.tab,text/plain,text/csv"
          disabled={disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void send(file);
          }}
          data-testid="sage-import-file"
        />
      </label>
      {sending && (
        <p>
          <progress value={sending.sent} max={Math.max(1, sending.size)} aria-label={t('sage.importSending')} /> {t('sage.importSending')}
        </p>
      )}
      {analysis && (
        <div className="sage-import-step" data-testid="sage-import-analysis">
          <p>
            <strong>{analysis.fileName}</strong> — {t(analysis.kind === 'accounts' ? 'sage.importKindAccounts' : 'sage.importKindItems')}
            {analysis.knownSource && <> — {t('sage.importKnownSource', { source: analysis.source })}</>}
          </p>
          <div className="field-row">
            <label className="field">
              <span className="field-label">{t('sage.importSource')}</span>
              <input
                defaultValue={analysis.source}
                key={analysis.fileId}
                disabled={disabled}
                maxLength={40}
                onBlur={(e) => {
                  const source = e.target.value.trim();
                  // Another source brings its own remembered page and columns.
                  if (source && source !== analysis.source) void reread({ source });
                }}
                data-testid="sage-import-source"
              />
            </label>
            <label className="field">
              <span className="field-label">{t('sage.importFormat')}</span>
              <select value={analysis.format} disabled={disabled} onChange={(e) => void reread({ ...choice, format: e.target.value as (typeof FORMATS)[number] })} data-testid="sage-import-format">
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(`sage.format.${f}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('sage.importEncoding')}</span>
              <select value={analysis.encoding} disabled={disabled || analysis.bom} onChange={(e) => void reread({ ...choice, encoding: e.target.value as (typeof ENCODINGS)[number] })} data-testid="sage-import-encoding">
                {ENCODINGS.map((page) => (
                  <option key={page} value={page}>
                    {t(`sage.encoding.${page}`)}
                  </option>
                ))}
              </select>
            </label>
            {analysis.headers && (
              <label className="field">
                <span className="field-label">{t('sage.importKind')}</span>
                <select value={analysis.kind} disabled={disabled} onChange={(e) => void reread({ ...choice, kind: e.target.value as 'accounts' | 'open-items', mapping: {} })} data-testid="sage-import-kind">
                  <option value="accounts">{t('sage.importKindAccounts')}</option>
                  <option value="open-items">{t('sage.importKindItems')}</option>
                </select>
              </label>
            )}
          </div>
          {analysis.bom && <p className="muted">{t('sage.importBom')}</p>}
          {analysis.fileError && (
            <p className="inline-error" role="alert" data-testid="sage-import-file-error">
              {refusalText(t, analysis.fileError)}
            </p>
          )}
          {analysis.headers && (
            <fieldset className="sage-import-mapping" data-testid="sage-import-mapping">
              <legend>{t('sage.importColumns')}</legend>
              {analysis.missing.length > 0 && (
                <p className="inline-error" role="alert" data-testid="sage-import-missing">
                  {t('sage.importMissing', { fields: analysis.missing.map(fieldLabel).join(', ') })}
                </p>
              )}
              <table className="sage-items sage-import-columns">
                <thead>
                  <tr>
                    <th scope="col">{t('sage.importColumn')}</th>
                    <th scope="col">{t('sage.importExample')}</th>
                    <th scope="col">{t('sage.importReadsAs')}</th>
                  </tr>
                </thead>
                <tbody>
                  {analysis.headers.map((header, i) => {
                    const field = fieldOf[header] ?? '';
                    return (
                      <tr key={`${header}-${i}`}>
                        <th scope="row">{header}</th>
                        <td>{analysis.sample[0]?.[i] ?? ''}</td>
                        <td>
                          <select value={field} disabled={disabled} onChange={(e) => mapColumn(header, e.target.value)} aria-label={t('sage.importReadsAsColumn', { column: header })} data-testid="sage-import-map" data-column={header}>
                            <option value="">{t('sage.importIgnored')}</option>
                            {analysis.fields.map((f) => (
                              <option key={f} value={f}>
                                {fieldLabel(f)}
                                {analysis.required.includes(f) ? ' *' : ''}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </fieldset>
          )}
          {analysis.sample.length > 0 && (
            <div className="sage-import-sample">
              <table className="sage-items" data-testid="sage-import-sample">
                <caption>{t('sage.importSample')}</caption>
                <thead>
                  <tr>
                    {(analysis.headers ?? [t('sage.mapField.code'), t('sage.mapField.name'), t('sage.mapField.postalCode'), t('sage.mapField.city')]).map((h, i) => (
                      <th key={`${h}-${i}`} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {analysis.sample.map((row, r) => (
                    <tr key={r}>
                      {row.map((cell, c) => (
                        <td key={c}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="card-links">
            <button type="button" className="btn btn-small" disabled={disabled || blocked} onClick={() => void run(true)} data-testid="sage-import-dry-run">
              {busy === 'dry' ? t('sage.importRunning') : t('sage.importDryRun')}
            </button>
            <button type="button" className="btn btn-small btn-primary" disabled={disabled || blocked} onClick={() => void run(false)} data-testid="sage-import-run">
              {busy === 'import' ? t('sage.importRunning') : t('sage.importRun')}
            </button>
            <button type="button" className="btn btn-small btn-ghost" disabled={busy !== null} onClick={() => void cancel()}>
              {t('sage.importCancel')}
            </button>
          </div>
        </div>
      )}
      {summary && <ImportReport summary={summary} />}
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}

function ImportReport({ summary }: { summary: Summary }) {
  const { t } = useT();
  const a = summary.accounts;
  const o = summary.openItems;
  return (
    <div className="sage-import-report" role="status" data-testid="sage-import-report" data-dry-run={summary.dryRun}>
      <p>
        <strong>{summary.dryRun ? t('sage.importDryRunDone') : t('sage.importDone')}</strong>
      </p>
      {summary.fileError ? (
        <p className="inline-error">{refusalText(t, summary.fileError)}</p>
      ) : summary.kind === 'accounts' ? (
        <p data-testid="sage-import-counts">{t('sage.importAccounts', { read: a.read, created: a.created, linked: a.linked, updated: a.updated, unchanged: a.unchanged, toReview: a.toReview, rejected: summary.rejectedCount })}</p>
      ) : (
        <p data-testid="sage-import-counts">{t('sage.importItems', { read: o.read, added: o.added, changed: o.changed, removed: o.removed, unchanged: o.unchanged, rejected: summary.rejectedCount })}</p>
      )}
      {summary.conflicts > 0 && <p>{t('sage.importConflicts', { count: summary.conflicts })}</p>}
      {summary.exportsMissing > 0 && <p>{t('sage.importExportsMissing', { count: summary.exportsMissing })}</p>}
      {summary.rejected.length > 0 && (
        <details open>
          <summary>{t('sage.importRejected', { count: summary.rejectedCount })}</summary>
          <ul data-testid="sage-import-rejected">
            {summary.rejected.map((p) => (
              <li key={`${p.line}-${p.reason}`}>{t('sage.importLine', { line: p.line, reason: p.reason })}</li>
            ))}
          </ul>
        </details>
      )}
      {summary.warnings.length > 0 && (
        <details>
          <summary>{t('sage.importWarnings', { count: summary.warningsCount })}</summary>
          <ul>
            {summary.warnings.map((p) => (
              <li key={`${p.line}-${p.reason}`}>{t('sage.importLine', { line: p.line, reason: p.reason })}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
