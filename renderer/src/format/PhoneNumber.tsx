/**
 * A phone number on screen. Never cut with an ellipsis (a number missing two digits is a wrong number,
 * not a shorter one) and never broken across lines; left-to-right whatever surrounds it (« +44 … »
 * inside a right-to-left name stays readable); not offered to the browser's translator.
 */
import { phoneText } from './phone';
import './phone.css';

export function PhoneNumber({ display, className, testId }: { display: string; className?: string; testId?: string }) {
  return (
    <span className={className ? `phone-number-text ${className}` : 'phone-number-text'} dir="ltr" translate="no" data-testid={testId}>
      {phoneText(display)}
    </span>
  );
}
