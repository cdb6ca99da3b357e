/** What every centre view's toolbar shares: the way back, and focus on the heading when it opens. */
import { useEffect, useRef } from 'react';
import { useViewStore } from './view-store';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';

export function BackButton() {
  const { t } = useT();
  const back = useViewStore((s) => s.back);
  return (
    <button type="button" className="btn btn-small btn-ghost" onClick={back} data-testid="back">
      <Icon name="back" />
      {t('nav.back')}
    </button>
  );
}

/** Puts keyboard focus on a view's heading when it opens, unless Claire is typing somewhere. */
export function useFocusOnOpen<T extends HTMLElement>(key: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const active = document.activeElement;
    const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement;
    if (!typing) ref.current?.focus({ preventScroll: true });
  }, [key]);
  return ref;
}
