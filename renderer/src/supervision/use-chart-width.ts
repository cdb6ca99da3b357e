/**
 * The width, in CSS pixels, a chart is drawn at. The charts' SVG boxes take this width as their
 * coordinate system, so a 13 px label is 13 px on screen at any window size: in a fixed 900-unit box
 * squeezed into a 590 px panel (two charts side by side at 1280 px), labels came out at 8 px.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export function useChartWidth(initial: number): [RefObject<HTMLDivElement | null>, number] {
  const area = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    const measure = () => {
      const measured = Math.floor(element.getBoundingClientRect().width);
      // Hidden (width 0): keep the last width rather than draw nothing.
      if (measured > 0) setWidth(measured);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [area, width];
}
