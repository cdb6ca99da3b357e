/**
 * The customer signs with a finger (or a stylus, or a mouse): pointer events on a canvas, the
 * stroke followed with pointer capture, drawn at the screen's pixel density. « Valider » hands over
 * a PNG; an empty pad cannot be validated. The keyboard reaches both buttons; the pad itself is
 * labelled for screen readers.
 */
import { useEffect, useRef, useState } from 'react';
import type { TechTranslate } from './tech-i18n';

interface Props {
  t: TechTranslate;
  labelledBy: string;
  disabled: boolean;
  onSigned(png: Blob): void;
}

export function SignaturePad({ t, labelledBy, disabled, onSigned }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const last = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(c.clientHeight * ratio);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111827';
  }, []);

  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const line = (to: { x: number; y: number }) => {
    const ctx = canvas.current?.getContext('2d');
    const from = last.current;
    if (!ctx || !from) return;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last.current = to;
  };

  const clear = () => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.restore();
    setDrawn(false);
  };

  return (
    <div className="tech-signature">
      <p className="tech-muted" id="signature-help">
        {t('technician.signatureHelp')}
      </p>
      <canvas
        ref={canvas}
        className="tech-signature-pad"
        role="img"
        aria-labelledby={labelledBy}
        aria-describedby="signature-help"
        data-testid="signature-pad"
        onPointerDown={(e) => {
          if (disabled) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = at(e);
          line({ ...last.current, x: last.current.x + 0.1 });
          setDrawn(true);
        }}
        onPointerMove={(e) => {
          if (last.current) line(at(e));
        }}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
      />
      <div className="tech-actions">
        <button type="button" className="tech-button" onClick={clear} disabled={disabled || !drawn}>
          {t('technician.signatureClear')}
        </button>
        <button
          type="button"
          className="tech-button"
          disabled={disabled || !drawn}
          onClick={() => canvas.current?.toBlob((png) => png && onSigned(png), 'image/png')}
        >
          {t('technician.signatureSave')}
        </button>
      </div>
    </div>
  );
}
