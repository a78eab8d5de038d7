import { useEffect, useRef } from 'react';
import { Chart, type ChartConfiguration } from 'chart.js';

/** One chart.js chart; re-created whenever `config` changes (memoise it). */
export function ChartCanvas({ config, label, height = 320 }: { config: ChartConfiguration<any, any, any>; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
