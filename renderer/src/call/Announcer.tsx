/**
 * Screen-reader announcement of each new pop (`aria-live="assertive"`): who is calling, said once.
 */
import { useCallStore } from './call-store';
import { isWithheld } from './call-model';
import { useT } from '../i18n/use-t';

export function Announcer() {
  const { t } = useT();
  const text = useCallStore((s) => {
    if (!s.announcement) return '';
    const entry = s.pops.find((p) => p.call.id === s.announcement?.callId);
    if (!entry) return '';
    const who =
      entry.pop.matches[0]?.label ?? entry.call.callerName ?? (isWithheld(entry.pop) ? t('call.withheld') : entry.pop.number.display);
    return t('call.incomingAnnounce', { who: who.slice(0, 200) });
  });
  const seq = useCallStore((s) => s.announcement?.seq ?? 0);
  return (
    <div className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="announcer">
      {/* keyed so that the same text twice is still announced */}
      <span key={seq}>{text}</span>
    </div>
  );
}
