// Fixed-row-height windowing: only the rows in view (plus a few) are in the DOM, so a plan of
// 5,000 attributes scrolls smoothly. Rows are absolutely positioned inside a full-height spacer.

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualRowsProps {
  count: number;
  rowHeight: number;
  renderRow: (index: number, style: React.CSSProperties) => ReactNode;
  overscan?: number;
  className?: string;
  /** Scroll back to the top when this changes (e.g. another file). */
  resetKey?: unknown;
}

export function VirtualRows({ count, rowHeight, renderRow, overscan = 8, className, resetKey }: VirtualRowsProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  useLayoutEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  useLayoutEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i, { position: 'absolute', top: i * rowHeight, height: rowHeight, left: 0, right: 0 }));
  return (
    <div ref={box} className={className} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="rowgroup">
      <div style={{ position: 'relative', height: count * rowHeight }}>{rows}</div>
    </div>
  );
}
