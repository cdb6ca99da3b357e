/**
 * The technicians' app's screens, phone first: sign-in, the round (today, tomorrow), a visit (links
 * to call, text « j’arrive » and open the maps; on site: start/stop, checklist, parts, report,
 * photos, the customer's signature, « Terminé »). The sync state is always on screen. The route is
 * the address's hash (#/intervention/<id>), so the phone's back button goes back to the round.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TechnicianJob } from '../../../electron/contract/technician-phone';
import { checklistOf, localSheet, partsOf } from './job-sheet';
import { findJob, sheetOf, useRound } from './round-store';
import { SignaturePad } from './SignaturePad';
import type { TechTranslate } from './tech-i18n';

type Props = { t: TechTranslate; locale: 'fr' | 'en' };

const JOB_HASH = /^#\/intervention\/([^/]+)$/;
/** One empty list for every selector (a new [] each time would re-render forever). */
const NONE: never[] = [];

function useRoute(): string | null {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  const match = JOB_HASH.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

function timeOf(iso: string | null, locale: string): string {
  return iso ? new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }) : '';
}

export function TechnicianApp({ t, locale }: Props) {
  const phase = useRound((s) => s.phase);
  const name = useRound((s) => s.name);
  const signOutRefused = useRound((s) => s.signOutRefused);
  const waiting = useRound((s) => s.queued.length);
  const jobId = useRoute();
  useEffect(() => {
    void useRound.getState().start();
  }, []);
  useEffect(() => {
    document.title = t('technician.appTitle');
  }, [t]);
  return (
    <>
      <header className="tech-header">
        <div className="tech-banner">
          <p className="tech-brand">{t('technician.appTitle')}</p>
          {phase === 'ready' && name ? (
            <button type="button" className="tech-link-button" onClick={() => void useRound.getState().signOut()}>
              {t('technician.signOut')}
            </button>
          ) : null}
        </div>
        {phase === 'ready' || waiting > 0 ? <SyncBar t={t} /> : null}
        {signOutRefused ? (
          <p className="tech-notice tech-banner-notice" role="alert">
            {t('technician.signOutPending')}
          </p>
        ) : null}
      </header>
      <main className="tech-main">
        {phase === 'loading' ? null : phase === 'signed-out' ? <SignIn t={t} /> : jobId ? <JobView t={t} locale={locale} id={jobId} /> : <Round t={t} locale={locale} />}
      </main>
    </>
  );
}

function SyncBar({ t }: { t: TechTranslate }) {
  const sync = useRound((s) => s.sync);
  const pending = useRound((s) => s.queued.length);
  const text = pending > 0 ? t('technician.sync.pending', { count: pending }) : sync.syncedAt ? t('technician.sync.synced') : t('technician.sync.never');
  return (
    <div className={`tech-sync ${pending > 0 ? 'tech-sync-waiting' : 'tech-sync-done'}`} role="status" aria-live="polite" data-testid="sync-state">
      <span>
        {sync.offline && pending > 0 ? `${t('technician.sync.offline')} · ` : ''}
        {text}
      </span>
      {sync.refused.length > 0 ? <span className="tech-refused"> · {t('technician.sync.refused', { count: sync.refused.length })}</span> : null}
      {pending > 0 ? (
        <button type="button" className="tech-link-button" onClick={() => void useRound.getState().flush()}>
          {t('technician.sync.now')}
        </button>
      ) : null}
    </div>
  );
}

function SignIn({ t }: { t: TechTranslate }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sessionLost = useRound((s) => s.sessionLost);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await useRound.getState().signIn(login, password);
    setBusy(false);
    if (result.ok) return;
    setError(
      result.why === 'too_many'
        ? t('technician.signIn.tooMany', { seconds: result.seconds ?? 60 })
        : result.why === 'offline'
          ? t('technician.signIn.offline')
          : result.why === 'not_technician'
            ? t('technician.signIn.notTechnician')
            : t('technician.signIn.refused'),
    );
  };
  return (
    <form className="tech-card" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('technician.signIn.title')}</h1>
      {sessionLost ? <p className="tech-notice">{t('technician.signedOutWhileQueued')}</p> : null}
      <p>{t('technician.signIn.intro')}</p>
      <label htmlFor="tech-login">{t('technician.signIn.login')}</label>
      <input id="tech-login" name="login" autoComplete="username" autoCapitalize="none" required value={login} onChange={(e) => setLogin(e.target.value)} />
      <label htmlFor="tech-password">{t('technician.signIn.password')}</label>
      <input id="tech-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={error ? 'tech-signin-error' : undefined} />
      {error ? (
        <p id="tech-signin-error" className="tech-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="tech-primary" disabled={busy}>
        {t('technician.signIn.submit')}
      </button>
    </form>
  );
}

function Round({ t, locale }: Props) {
  const day = useRound((s) => s.day);
  const name = useRound((s) => s.name);
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  if (!day) return <p>{t('technician.noJobs')}</p>;
  return (
    <>
      <h1>{t('technician.hello', { name: name ?? day.technician.name })}</h1>
      <p className="tech-muted">
        {t('technician.dataAt', { date: new Date(day.at).toLocaleString(intl, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }) })}{' '}
        <button type="button" className="tech-link-button" onClick={() => void useRound.getState().refresh()}>
          {t('technician.refresh')}
        </button>
      </p>
      {day.days.map((d, i) => (
        <section key={d.date} aria-labelledby={`day-${d.date}`}>
          <h2 id={`day-${d.date}`}>
            {i === 0 ? t('technician.today') : t('technician.tomorrow')} — {new Date(`${d.date}T12:00:00Z`).toLocaleDateString(intl, { weekday: 'long', day: 'numeric', month: 'long' })}
          </h2>
          {d.jobs.length === 0 ? (
            <p className="tech-muted">{t('technician.noJobs')}</p>
          ) : (
            <ol className="tech-jobs">
              {d.jobs.map((job) => (
                <li key={job.id}>
                  <JobCard t={t} job={job} />
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </>
  );
}

function StatusBadge({ t, job }: { t: TechTranslate; job: TechnicianJob }) {
  const queued = useRound((s) => s.queued);
  const queuedDone = queued.some((a) => a.interventionId === job.id && a.kind === 'done');
  // What the phone did offline shows at once: started (en cours), done (terminée).
  const started = localSheet(job.sheet, queued, job.id).startedAt !== null;
  const status = queuedDone ? 'terminee' : job.status === 'planifiee' && started ? 'en_cours' : job.status;
  return <span className={`tech-badge tech-badge-${status}`}>{t(`technician.status.${status}`)}</span>;
}

function JobCard({ t, job }: { t: TechTranslate; job: TechnicianJob }) {
  return (
    <a className="tech-job" href={`#/intervention/${encodeURIComponent(job.id)}`} data-testid="job-card">
      <span className="tech-job-time">{job.window ? t('technician.window', job.window) : timeOf(job.scheduledAt, 'fr-FR')}</span>
      <span className="tech-job-kind">
        {job.kind}
        {job.urgent ? <span className="tech-badge tech-badge-urgent"> {t('technician.urgent')}</span> : null}
      </span>
      <span className="tech-job-where">{[job.customer?.name, job.address].filter(Boolean).join(' — ')}</span>
      <StatusBadge t={t} job={job} />
    </a>
  );
}

function JobView({ t, locale, id }: Props & { id: string }) {
  const day = useRound((s) => s.day);
  const job = findJob(day, id);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [id]);
  if (!job) {
    return (
      <>
        <a className="tech-back" href="#/">
          {t('technician.back')}
        </a>
        <h1>{t('technician.noJobs')}</h1>
      </>
    );
  }
  return (
    <>
      <a className="tech-back" href="#/">
        {t('technician.back')}
      </a>
      <h1 ref={heading} tabIndex={-1}>
        {job.kind}
      </h1>
      <p className="tech-muted">
        {job.window ? t('technician.window', job.window) : timeOf(job.scheduledAt, 'fr-FR')} · <StatusBadge t={t} job={job} />
        {job.urgent ? <span className="tech-badge tech-badge-urgent"> {t('technician.urgent')}</span> : null}
      </p>
      <Doorstep t={t} job={job} />
      <OnSite t={t} locale={locale} job={job} />
    </>
  );
}

function Doorstep({ t, job }: { t: TechTranslate; job: TechnicianJob }) {
  const name = useRound((s) => s.name) ?? '';
  const phone = job.customer?.phone ?? null;
  return (
    <>
      <section className="tech-card" aria-labelledby="job-address">
        <h2 id="job-address">{t('technician.address')}</h2>
        <p>{job.address}</p>
        <div className="tech-actions">
          {job.mapsUrl ? (
            <a className="tech-button" href={job.mapsUrl} target="_blank" rel="noopener noreferrer">
              {t('technician.openMaps')}
            </a>
          ) : null}
          {job.geoUri ? (
            <a className="tech-button" href={job.geoUri}>
              {t('technician.openMapsApp')}
            </a>
          ) : null}
        </div>
      </section>
      <section className="tech-card" aria-labelledby="job-customer">
        <h2 id="job-customer">{t('technician.customer')}</h2>
        <p>{job.customer?.name ?? '—'}</p>
        {phone ? (
          <div className="tech-actions">
            <a className="tech-button" href={`tel:${phone}`}>
              {t('technician.call')} {phone}
            </a>
            <a className="tech-button" href={`sms:${phone}?body=${encodeURIComponent(t('technician.smsText', { name }))}`}>
              {t('technician.sms')}
            </a>
          </div>
        ) : (
          <p className="tech-muted">{t('technician.noPhone')}</p>
        )}
      </section>
      {job.instructions.length > 0 ? (
        <section className="tech-card" aria-labelledby="job-instructions">
          <h2 id="job-instructions">{t('technician.instructions')}</h2>
          <ul>
            {job.instructions.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="tech-card" aria-labelledby="job-equipment">
        <h2 id="job-equipment">{t('technician.equipment')}</h2>
        {job.equipment.length === 0 ? (
          <p className="tech-muted">{t('technician.noEquipment')}</p>
        ) : (
          <dl>
            {job.equipment.map((e) => (
              <div key={e.label}>
                <dt>{e.label}</dt>
                <dd>{e.value}</dd>
              </div>
            ))}
          </dl>
        )}
        <h3>{t('technician.history')}</h3>
        {job.history.length === 0 ? (
          <p className="tech-muted">{t('technician.noHistory')}</p>
        ) : (
          <ul>
            {job.history.map((h) => (
              <li key={`${h.date}-${h.kind}`}>
                {h.date} — {h.kind}
                {h.report ? ` : ${h.report}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function OnSite({ t, locale, job }: Props & { job: TechnicianJob }) {
  const day = useRound((s) => s.day);
  const queued = useRound((s) => s.queued);
  const sheet = sheetOf({ day, queued }, job.id);
  const pictures = useRound((s) => s.pictures[job.id] ?? NONE);
  const conflicts = useRound((s) => s.conflicts[job.id] ?? NONE);
  const doneQueued = useRound((s) => s.queued.some((a) => a.interventionId === job.id && a.kind === 'done'));
  const doneSent = useRound((s) => s.doneSent[job.id] === true) || job.status === 'terminee';
  const [report, setReport] = useState(sheet.report ?? '');
  const [reportSaved, setReportSaved] = useState(false);
  const [part, setPart] = useState('');
  const [quantity, setQuantity] = useState('1');
  const round = useRound.getState();
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const checklist = checklistOf(job.checklist, sheet);
  const parts = partsOf(sheet);
  const photos = pictures.filter((p) => p.kind === 'photo');
  const photoCount = Math.max(photos.length, job.photos);
  const signed = job.signed || pictures.some((p) => p.kind === 'signature');
  const now = () => new Date().toISOString();
  const finished = doneQueued || doneSent;

  return (
    <section className="tech-card" aria-labelledby="job-onsite">
      <h2 id="job-onsite">{t('technician.onSite')}</h2>
      {conflicts.map((c) => (
        <p key={`${c.field}-${c.office ?? ''}`} className="tech-notice" role="note">
          {t('technician.officeChanged', { field: t(`technician.field.${c.field}`), office: c.office ?? '—' })}
        </p>
      ))}
      <div className="tech-actions">
        <button type="button" className="tech-button" disabled={finished || sheet.startedAt !== null} onClick={() => void round.edit(job.id, { startedAt: now() })}>
          {t('technician.start')}
        </button>
        <button type="button" className="tech-button" disabled={finished || sheet.startedAt === null || sheet.stoppedAt !== null} onClick={() => void round.edit(job.id, { stoppedAt: now() })}>
          {t('technician.stop')}
        </button>
      </div>
      {sheet.startedAt ? <p>{t('technician.startedAt', { time: timeOf(sheet.startedAt, intl) })}</p> : null}
      {sheet.stoppedAt ? <p>{t('technician.stoppedAt', { time: timeOf(sheet.stoppedAt, intl) })}</p> : null}

      <fieldset className="tech-fieldset">
        <legend>{t('technician.checklist')}</legend>
        {checklist.map((line, i) => (
          <div key={line.label} className="tech-check">
            <input
              id={`check-${i}`}
              type="checkbox"
              checked={line.done}
              disabled={finished}
              onChange={(e) => void round.edit(job.id, { checklist: JSON.stringify(checklist.map((l, j) => (j === i ? { ...l, done: e.target.checked } : l))) })}
            />
            <label htmlFor={`check-${i}`}>{line.label}</label>
          </div>
        ))}
      </fieldset>

      <h3>{t('technician.parts')}</h3>
      {parts.length === 0 ? (
        <p className="tech-muted">{t('technician.noParts')}</p>
      ) : (
        <ul data-testid="parts">
          {parts.map((p, i) => (
            <li key={`${p.label}-${i}`}>
              {p.quantity} × {p.label}
            </li>
          ))}
        </ul>
      )}
      <form
        className="tech-part-form"
        onSubmit={(e) => {
          e.preventDefault();
          const label = part.trim();
          const count = Math.max(1, Math.min(999, Number.parseInt(quantity, 10) || 1));
          if (!label) return;
          void round.edit(job.id, { parts: JSON.stringify([...parts, { label, quantity: count }]) });
          setPart('');
          setQuantity('1');
        }}
      >
        <div>
          <label htmlFor="part-label">{t('technician.partLabel')}</label>
          <input id="part-label" value={part} disabled={finished} onChange={(e) => setPart(e.target.value)} />
        </div>
        <div>
          <label htmlFor="part-quantity">{t('technician.partQuantity')}</label>
          <input id="part-quantity" inputMode="numeric" pattern="[0-9]*" value={quantity} disabled={finished} onChange={(e) => setQuantity(e.target.value)} />
        </div>
        <button type="submit" className="tech-button" disabled={finished}>
          {t('technician.addPart')}
        </button>
      </form>

      <label htmlFor="report" className="tech-h3-label">
        {t('technician.report')}
      </label>
      <textarea
        id="report"
        rows={5}
        value={report}
        disabled={finished}
        onChange={(e) => {
          setReport(e.target.value);
          setReportSaved(false);
        }}
      />
      <button
        type="button"
        className="tech-button"
        disabled={finished}
        onClick={() => {
          void round.edit(job.id, { report }).then(() => setReportSaved(true));
        }}
      >
        {t('technician.saveReport')}
      </button>
      {reportSaved ? <p role="status">{t('technician.reportSaved')}</p> : null}

      <h3>{t('technician.photos')}</h3>
      <p data-testid="photo-count">{t('technician.photoCount', { count: photoCount })}</p>
      <div className="tech-photos">
        {photos.map((p, i) => (
          <img key={p.clientId} src={p.url} alt={t('technician.photoAlt', { count: i + 1 })} />
        ))}
      </div>
      <input
        id="photo-input"
        className="tech-visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        disabled={finished}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void (async () => {
            for (const file of files) await round.addPhoto(job.id, file);
          })();
        }}
      />
      <label className="tech-button tech-file" htmlFor="photo-input">
        {t('technician.addPhoto')}
      </label>

      <h3 id="signature-title">{t('technician.signature')}</h3>
      {signed ? (
        <p role="status">{t('technician.signed')}</p>
      ) : (
        <SignaturePad t={t} labelledBy="signature-title" disabled={finished} onSigned={(png) => void round.sign(job.id, png)} />
      )}

      <div className="tech-done">
        {finished ? (
          <p role="status" className="tech-ok">
            {doneSent ? t('technician.doneSent') : t('technician.doneQueued')}
          </p>
        ) : (
          <>
            <p className="tech-muted">{t('technician.doneHelp')}</p>
            <button
              type="button"
              className="tech-primary"
              onClick={() => {
                // What is typed is kept first: « Terminé » sends the report as it reads now.
                void (async () => {
                  if (report !== (sheet.report ?? '')) await round.edit(job.id, { report });
                  await round.finish(job.id);
                })();
              }}
            >
              {t('technician.done')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
