/**
 * The booking panel (« Planifier »): kind of visit, urgency, window style and address (from the
 * customer's record, editable); the service proposes the best 3–5 arrival windows a technician can
 * keep; Claire reads one to the caller and confirms. The address is placed offline at its commune's
 * centre, and the panel says so (« position approximative : centre de la commune »).
 */
import { useEffect, useRef, useState } from 'react';
import { useT, errorText } from '../i18n/use-t';
import type { Translate } from '../i18n';
import type { Locale } from '../contract';
import { Icon } from '../ui/Icon';
import { useModalDialog } from '../ui/modal-dialog';
import { useBookingStore, type Offer, type Urgency, type WindowStyle } from './booking-store';

const intl = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'fr-FR');

/** « jeudi 3 décembre ». */
export function dayLabel(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(intl(locale), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "08:00" → « 8 h » (fr) or « 08:00 » (en). */
export function clockLabel(clock: string, locale: Locale): string {
  if (locale === 'en') return clock;
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

function offerText(t: Translate, locale: Locale, offer: Offer): string {
  return t('booking.offer', {
    day: dayLabel(offer.day, locale),
    from: clockLabel(offer.windowStart, locale),
    to: clockLabel(offer.windowEnd, locale),
    technician: offer.technicianName,
  });
}

export function BookingPanel() {
  const target = useBookingStore((s) => s.target);
  if (!target) return null;
  return <OpenPanel key={target.reschedule?.interventionId ?? `${target.contactId}|${target.companyId}`} />;
}

function OpenPanel() {
  const { t, locale } = useT();
  const target = useBookingStore((s) => s.target)!;
  const setup = useBookingStore((s) => s.setup);
  const setupError = useBookingStore((s) => s.setupError);
  const proposals = useBookingStore((s) => s.proposals);
  const searching = useBookingStore((s) => s.searching);
  const booking = useBookingStore((s) => s.booking);
  const error = useBookingStore((s) => s.error);
  const done = useBookingStore((s) => s.done);
  const notBooked = useBookingStore((s) => s.notBooked);
  const close = () => useBookingStore.getState().close();
  const dialog = useRef<HTMLDivElement>(null);
  const { onKeyDown } = useModalDialog(dialog, { onClose: close, initialFocus: (element) => element.querySelector<HTMLElement>('select, input') });

  const types = (setup?.types ?? []).filter((type) => type.active);
  const [typeId, setTypeId] = useState<string>('');
  const [urgency, setUrgency] = useState<Urgency>('normale');
  const [style, setStyle] = useState<WindowStyle>('half_day');
  const [address, setAddress] = useState(target.address);
  const [chosen, setChosen] = useState<number>(0);
  const rescheduling = !!target.reschedule;
  const kind = typeId || (rescheduling ? (types.find((type) => type.label === target.reschedule!.kind)?.id ?? types[0]?.id) : types[0]?.id) || '';

  const search = () => {
    if (!kind || !address.trim()) return;
    setChosen(0);
    void useBookingStore.getState().propose({ typeId: kind, urgency, style, address: address.trim() });
  };
  // The first search as soon as the kinds are known (the address comes from the record).
  const searched = useRef(false);
  useEffect(() => {
    if (!searched.current && kind && address.trim() && notBooked === false) {
      searched.current = true;
      search();
    }
  });

  const offer = proposals?.offers[chosen];
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="dialog booking-panel" role="dialog" aria-modal="true" aria-labelledby="booking-title" tabIndex={-1} ref={dialog} onKeyDown={onKeyDown} data-testid="booking-panel">
        <div className="dialog-head">
          <h2 id="booking-title">{rescheduling ? t('booking.rescheduleTitle', { name: target.label }) : t('booking.title', { name: target.label })}</h2>
          <button type="button" className="icon-btn" onClick={close} title={t('nav.close')}>
            <Icon name="close" size={18} />
            <span className="sr-only">{t('nav.close')}</span>
          </button>
        </div>
        {notBooked ? (
          <div className="booking-done" role="status" data-testid="booking-not-booked">
            <p>{t('booking.notBooked')}</p>
            <button type="button" className="btn" onClick={close} data-autofocus>
              {t('booking.close')}
            </button>
          </div>
        ) : done ? (
          <div className="booking-done" role="status" data-testid="booking-done">
            <p>
              <Icon name="check" />{' '}
              {t(done.status === 'annulee' ? 'booking.cancelledDone' : done.sequence > 0 ? 'booking.movedDone' : 'booking.bookedDone', {
                day: dayLabel(done.day, locale),
                from: clockLabel(done.windowStart, locale),
                to: clockLabel(done.windowEnd, locale),
                technician: done.technicianName ?? '',
              })}
            </p>
            <p className="muted" data-testid="booking-mail">
              {t(`booking.mail.${done.history.at(-1)?.customerMail ?? 'unavailable'}`)}
            </p>
            <button type="button" className="btn" onClick={close} data-autofocus>
              {t('booking.close')}
            </button>
          </div>
        ) : (
          <form
            className="form booking-form"
            onSubmit={(e) => {
              e.preventDefault();
              search();
            }}
          >
            <div className="field-row">
              <label className="field">
                <span className="field-label">{t('booking.type')}</span>
                <select value={kind} onChange={(e) => setTypeId(e.target.value)} disabled={rescheduling} data-testid="booking-type">
                  {types.map((type) => (
                    <option key={type.id} value={type.id}>
                      {t('booking.typeOption', { label: type.label, duration: type.durationMin })}
                    </option>
                  ))}
                </select>
              </label>
              <fieldset className="booking-choice">
                <legend className="field-label">{t('booking.urgency')}</legend>
                {(['normale', 'urgente'] as const).map((u) => (
                  <label key={u}>
                    <input type="radio" name="booking-urgency" checked={urgency === u} onChange={() => setUrgency(u)} data-testid={`booking-urgency-${u}`} /> {t(`booking.urgency.${u}`)}
                  </label>
                ))}
              </fieldset>
              <fieldset className="booking-choice">
                <legend className="field-label">{t('booking.style')}</legend>
                {(['half_day', 'two_hours'] as const).map((s) => (
                  <label key={s}>
                    <input type="radio" name="booking-style" checked={style === s} onChange={() => setStyle(s)} /> {t(`booking.style.${s}`)}
                  </label>
                ))}
              </fieldset>
            </div>
            <div className="field-row">
              <label className="field booking-address">
                <span className="field-label">{t('booking.address')}</span>
                <input value={address} onChange={(e) => setAddress(e.target.value)} disabled={rescheduling} maxLength={300} data-testid="booking-address" />
              </label>
              <button type="submit" className="btn" disabled={searching || !kind || !address.trim() || notBooked !== false} data-testid="booking-search">
                {searching ? t('booking.searching') : t('booking.search')}
              </button>
            </div>
            {proposals?.place && (
              <p className="muted" data-testid="booking-place">
                {t('booking.place', { commune: proposals.place.commune, postcode: proposals.place.postcode })}
              </p>
            )}
            {proposals && proposals.offers.length === 0 && (
              <p className="notice notice-info" role="status" data-testid="booking-none">
                {t(`booking.none.${proposals.reason ?? 'no_window'}`)}
              </p>
            )}
            {proposals && proposals.offers.length > 0 && (
              <fieldset className="booking-offers" data-testid="booking-offers">
                <legend className="field-label">{t('booking.offers', { count: proposals.offers.length })}</legend>
                {proposals.offers.map((o, i) => (
                  <label key={`${o.day}|${o.windowStart}`} className={`booking-offer${i === chosen ? ' booking-offer-chosen' : ''}`} data-testid="booking-offer">
                    <input type="radio" name="booking-offer" checked={i === chosen} onChange={() => setChosen(i)} />
                    <span className="booking-offer-text">{offerText(t, locale, o)}</span>
                    <span className="muted booking-offer-km">{t('booking.extraKm', { km: o.extraKm.toLocaleString(locale === 'en' ? 'en-GB' : 'fr-FR'), min: o.extraDriveMin })}</span>
                  </label>
                ))}
              </fieldset>
            )}
            {(error ?? setupError) && (
              <p className="inline-error" role="alert">
                {errorText(t, (error ?? setupError)!)}
              </p>
            )}
            <div className="form-actions">
              <button type="button" className="btn btn-ghost" onClick={close}>
                {t('booking.close')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={!offer || booking || notBooked !== false}
                data-testid="booking-confirm"
                onClick={() => offer && void useBookingStore.getState().confirm({ typeId: kind, urgency, address: address.trim(), offer })}
              >
                {booking ? t('booking.booking') : rescheduling ? t('booking.confirmMove') : t('booking.confirm')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
