/** The top bar's way to the planning board, for the staff (a wall screen has no use for it). */
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useViewStore } from '../app/view-store';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';

export const selectPlanningReader = (): boolean => selectCanWrite(useConnectionStore.getState());

export function PlanningButton() {
  const { t } = useT();
  const show = useViewStore((s) => s.show);
  const staff = useConnectionStore(selectCanWrite);
  if (!staff) return null;
  return (
    <button type="button" className="icon-btn" onClick={() => show({ kind: 'planning' })} data-testid="planning-link" title={`${t('planning.open')} (Alt+P)`}>
      <Icon name="calendar" size={18} />
      <span className="sr-only">{t('planning.open')}</span>
    </button>
  );
}
