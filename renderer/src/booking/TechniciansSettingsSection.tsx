/**
 * Paramètres › Techniciens et types d’intervention: who goes on site (skills, hours per weekday,
 * days off, where the day starts and ends, the linked account and HubSpot owner) and the kinds of
 * visit (expected length, skills needed). On the company server a supervisor or an administrator
 * changes them (the service refuses the others).
 */
import { useEffect, useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import { SKILLS, useBookingStore, type InterventionType, type Skill, type Technician, type TechnicianInput } from './booking-store';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

type Draft = {
  id?: string;
  name: string;
  email: string;
  userId: string;
  hubspotOwnerId: string;
  skills: Skill[];
  hours: Array<{ on: boolean; start: string; end: string }>;
  absences: Array<{ from: string; to: string; reason: string }>;
  startAddress: string;
  endAddress: string;
  active: boolean;
};

function draftOf(t: Technician | null): Draft {
  return {
    ...(t ? { id: t.id } : {}),
    name: t?.name ?? '',
    email: t?.email ?? '',
    userId: t?.userId ?? '',
    hubspotOwnerId: t?.hubspotOwnerId ?? '',
    skills: [...(t?.skills ?? [])],
    hours: WEEKDAYS.map((weekday) => {
      const h = t ? t.hours.find((x) => x.weekday === weekday) : weekday < 5 ? { start: '08:00', end: '17:30' } : undefined;
      return { on: !!h, start: h?.start ?? '08:00', end: h?.end ?? '17:30' };
    }),
    absences: (t?.absences ?? []).map((a) => ({ from: a.from, to: a.to, reason: a.reason ?? '' })),
    startAddress: t?.startAddress ?? '',
    endAddress: t?.endAddress ?? '',
    active: t?.active ?? true,
  };
}

function inputOf(d: Draft): TechnicianInput {
  return {
    ...(d.id ? { id: d.id } : {}),
    name: d.name.trim(),
    email: d.email.trim() || null,
    userId: d.userId || null,
    hubspotOwnerId: d.hubspotOwnerId || null,
    skills: d.skills,
    hours: d.hours.flatMap((h, weekday) => (h.on ? [{ weekday, start: h.start, end: h.end }] : [])),
    absences: d.absences.filter((a) => a.from && a.to).map((a) => ({ from: a.from, to: a.to, reason: a.reason.trim() || null })),
    startAddress: d.startAddress.trim(),
    endAddress: d.endAddress.trim(),
    active: d.active,
  };
}

export function TechniciansSettingsSection() {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const setup = useBookingStore((s) => s.setup);
  const error = useBookingStore((s) => s.setupError);
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    void useBookingStore.getState().loadSetup();
  }, []);
  if (!setup) return null;
  return (
    <section className="card-panel form" aria-labelledby="tech-settings-title" data-testid="technicians-settings">
      <h2 id="tech-settings-title">{t('booking.settings.technicians')}</h2>
      <p className="muted">{t('booking.settings.precision', { precision: setup.geocoding.precision })}</p>
      <ul className="tech-list">
        {setup.technicians.map((tech) => (
          <li key={tech.id} className="tech-item" data-testid="technician-item">
            <span className="tech-item-name">{tech.name}</span>
            <span className="muted">{tech.skills.map((s) => t(`booking.skill.${s}`)).join(', ') || t('booking.settings.noSkill')}</span>
            <span className="muted">{tech.start ? t('booking.settings.base', { commune: tech.start.commune }) : t('booking.settings.unplaced')}</span>
            {!tech.active && <span className="tag">{t('booking.settings.inactive')}</span>}
            <button type="button" className="btn btn-small btn-ghost" disabled={!canWrite} onClick={() => setDraft(draftOf(tech))}>
              {t('booking.settings.edit')}
            </button>
          </li>
        ))}
      </ul>
      {!draft && (
        <button type="button" className="btn btn-small" disabled={!canWrite} onClick={() => setDraft(draftOf(null))} data-testid="technician-add">
          {t('booking.settings.add')}
        </button>
      )}
      {draft && <TechnicianForm draft={draft} setDraft={setDraft} canWrite={canWrite} />}
      <h3>{t('booking.settings.types')}</h3>
      <TypesTable types={setup.types} canWrite={canWrite} />
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}

function TechnicianForm({ draft, setDraft, canWrite }: { draft: Draft; setDraft: (d: Draft | null) => void; canWrite: boolean }) {
  const { t } = useT();
  const setup = useBookingStore((s) => s.setup)!;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  return (
    <form
      className="form"
      data-testid="technician-form"
      onSubmit={(e) => {
        e.preventDefault();
        void useBookingStore
          .getState()
          .saveTechnician(inputOf(draft))
          .then((ok) => ok && setDraft(null));
      }}
    >
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('booking.settings.name')}</span>
          <input value={draft.name} onChange={(e) => set({ name: e.target.value })} required maxLength={120} />
        </label>
        <label className="field">
          <span className="field-label">{t('booking.settings.email')}</span>
          <input type="email" value={draft.email} onChange={(e) => set({ email: e.target.value })} maxLength={254} />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('booking.settings.account')}</span>
          <select value={draft.userId} onChange={(e) => set({ userId: e.target.value })}>
            <option value="">{t('booking.settings.none')}</option>
            {setup.technicianAccounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.login})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('booking.settings.owner')}</span>
          <select value={draft.hubspotOwnerId} onChange={(e) => set({ hubspotOwnerId: e.target.value })}>
            <option value="">{t('booking.settings.none')}</option>
            {setup.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="tech-skills">
        <legend className="field-label">{t('booking.settings.skills')}</legend>
        {SKILLS.map((skill) => (
          <label key={skill}>
            <input
              type="checkbox"
              checked={draft.skills.includes(skill)}
              onChange={(e) => set({ skills: e.target.checked ? [...draft.skills, skill] : draft.skills.filter((s) => s !== skill) })}
            />{' '}
            {t(`booking.skill.${skill}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="tech-hours">
        <legend className="field-label">{t('booking.settings.hours')}</legend>
        {draft.hours.map((h, weekday) => (
          <div key={weekday} style={{ display: 'contents' }}>
            <label>
              <input type="checkbox" checked={h.on} onChange={(e) => set({ hours: draft.hours.map((x, i) => (i === weekday ? { ...x, on: e.target.checked } : x)) })} /> {t(`booking.weekday.${weekday}` as 'booking.weekday.0')}
            </label>
            <input type="time" aria-label={t('booking.settings.from')} value={h.start} disabled={!h.on} onChange={(e) => set({ hours: draft.hours.map((x, i) => (i === weekday ? { ...x, start: e.target.value } : x)) })} />
            <input type="time" aria-label={t('booking.settings.to')} value={h.end} disabled={!h.on} onChange={(e) => set({ hours: draft.hours.map((x, i) => (i === weekday ? { ...x, end: e.target.value } : x)) })} />
          </div>
        ))}
      </fieldset>
      <fieldset className="tech-skills">
        <legend className="field-label">{t('booking.settings.absences')}</legend>
        {draft.absences.map((a, i) => (
          <div key={i} className="field-row">
            <input type="date" aria-label={t('booking.settings.from')} value={a.from} onChange={(e) => set({ absences: draft.absences.map((x, k) => (k === i ? { ...x, from: e.target.value } : x)) })} />
            <input type="date" aria-label={t('booking.settings.to')} value={a.to} onChange={(e) => set({ absences: draft.absences.map((x, k) => (k === i ? { ...x, to: e.target.value } : x)) })} />
            <input aria-label={t('booking.settings.reason')} value={a.reason} maxLength={200} onChange={(e) => set({ absences: draft.absences.map((x, k) => (k === i ? { ...x, reason: e.target.value } : x)) })} />
            <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ absences: draft.absences.filter((_, k) => k !== i) })}>
              {t('booking.settings.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ absences: [...draft.absences, { from: '', to: '', reason: '' }] })}>
          {t('booking.settings.addAbsence')}
        </button>
      </fieldset>
      <div className="field-row">
        <label className="field booking-address">
          <span className="field-label">{t('booking.settings.start')}</span>
          <input value={draft.startAddress} onChange={(e) => set({ startAddress: e.target.value })} required maxLength={300} placeholder="12 rue X, 35000 Rennes" />
        </label>
        <label className="field booking-address">
          <span className="field-label">{t('booking.settings.end')}</span>
          <input value={draft.endAddress} onChange={(e) => set({ endAddress: e.target.value })} maxLength={300} />
        </label>
      </div>
      <label>
        <input type="checkbox" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} /> {t('booking.settings.active')}
      </label>
      <div className="form-actions">
        {draft.id && (
          <button
            type="button"
            className="btn btn-ghost"
            disabled={!canWrite}
            onClick={() => {
              void useBookingStore.getState().removeTechnician(draft.id!);
              setDraft(null);
            }}
          >
            {t('booking.settings.remove')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => setDraft(null)}>
          {t('booking.close')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!canWrite || !draft.name.trim() || !draft.startAddress.trim()}>
          {t('booking.settings.save')}
        </button>
      </div>
    </form>
  );
}

function TypesTable({ types, canWrite }: { types: readonly InterventionType[]; canWrite: boolean }) {
  const { t } = useT();
  const [edit, setEdit] = useState<{ id?: string; label: string; durationMin: string; skills: Skill[] } | null>(null);
  return (
    <>
      <ul className="tech-list" data-testid="intervention-types">
        {types.map((type) => (
          <li key={type.id} className="tech-item">
            <span className="tech-item-name">{type.label}</span>
            <span className="muted">{t('booking.settings.duration', { minutes: type.durationMin })}</span>
            <span className="muted">{type.skills.map((s) => t(`booking.skill.${s}`)).join(', ') || t('booking.settings.noSkill')}</span>
            <button type="button" className="btn btn-small btn-ghost" disabled={!canWrite} onClick={() => setEdit({ id: type.id, label: type.label, durationMin: String(type.durationMin), skills: [...type.skills] })}>
              {t('booking.settings.edit')}
            </button>
          </li>
        ))}
      </ul>
      {edit ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void useBookingStore
              .getState()
              .saveType({ ...(edit.id ? { id: edit.id } : {}), label: edit.label.trim(), durationMin: Number(edit.durationMin), skills: edit.skills })
              .then((ok) => ok && setEdit(null));
          }}
        >
          <div className="field-row">
            <label className="field">
              <span className="field-label">{t('booking.settings.typeLabel')}</span>
              <input value={edit.label} onChange={(e) => setEdit({ ...edit, label: e.target.value })} required maxLength={120} />
            </label>
            <label className="field">
              <span className="field-label">{t('booking.settings.typeDuration')}</span>
              <input type="number" min={15} max={600} step={15} value={edit.durationMin} onChange={(e) => setEdit({ ...edit, durationMin: e.target.value })} required />
            </label>
          </div>
          <fieldset className="tech-skills">
            <legend className="field-label">{t('booking.settings.skillsNeeded')}</legend>
            {SKILLS.map((skill) => (
              <label key={skill}>
                <input type="checkbox" checked={edit.skills.includes(skill)} onChange={(e) => setEdit({ ...edit, skills: e.target.checked ? [...edit.skills, skill] : edit.skills.filter((s) => s !== skill) })} />{' '}
                {t(`booking.skill.${skill}`)}
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            {edit.id && (
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => {
                  void useBookingStore.getState().removeType(edit.id!);
                  setEdit(null);
                }}
              >
                {t('booking.settings.remove')}
              </button>
            )}
            <button type="button" className="btn" onClick={() => setEdit(null)}>
              {t('booking.close')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={!canWrite || !edit.label.trim()}>
              {t('booking.settings.save')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn btn-small" disabled={!canWrite} onClick={() => setEdit({ label: '', durationMin: '60', skills: [] })}>
          {t('booking.settings.addType')}
        </button>
      )}
    </>
  );
}
