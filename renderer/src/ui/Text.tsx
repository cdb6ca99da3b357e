/**
 * CRM and SIP strings: rendered as text (React escapes them), isolated from the surrounding
 * direction (a stray RTL override cannot flip the row), cut with an ellipsis, full value in `title`.
 */
import type { ElementType } from 'react';

export function Clip({
  text,
  as: Tag = 'span',
  className,
  testId,
}: {
  text: string;
  as?: ElementType;
  className?: string;
  testId?: string;
}) {
  return (
    <Tag className={className ? `clip ${className}` : 'clip'} title={text} dir="auto" data-testid={testId}>
      {text}
    </Tag>
  );
}
