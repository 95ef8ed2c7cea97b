/** @module A run's plots with ECharts (tree-shaken core, SVG renderer): test-time curve, cost per correct answer, accuracy by level. */
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ConfigSummary } from '../../src/server/web/plots-data.js';

/** The numbers GET /v1/slowthink/runs/:id/plots sends, typed where the server builds them. */
export type { ConfigSummary };

use([LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

function Chart({ option, label }: { option: EChartsCoreOption; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div className="chart" ref={element} role="img" aria-label={label} />;
}

const percent = (value: number) => Math.round(value * 1000) / 10;

/** The three plots of the bench report, drawn live from the store. */
export function RunPlots({ configs }: { configs: ConfigSummary[] }) {
  if (configs.length === 0) return <p className="muted">No finished jobs to plot.</p>;
  const byTokens = [...configs].sort((a, b) => a.meanCompletionTokens - b.meanCompletionTokens);
  const levels = [...new Set(configs.flatMap((entry) => entry.byLevel.map((level) => level.level)))].sort((a, b) => a - b);
  const curve: EChartsCoreOption = {
    title: { text: 'Accuracy against generated tokens', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'log', name: 'tokens / problem', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', name: 'accuracy %', min: 0, max: 100 },
    series: [
      {
        type: 'line',
        data: byTokens.map((entry) => ({ value: [Math.max(1, entry.meanCompletionTokens), percent(entry.accuracy)], name: entry.config })),
        label: { show: true, formatter: (point: { name: string }) => point.name, fontSize: 10 },
      },
    ],
  };
  const cost: EChartsCoreOption = {
    title: { text: 'Tokens per correct answer', textStyle: { fontSize: 13 } },
    tooltip: {},
    xAxis: { type: 'category', data: configs.map((entry) => entry.config), axisLabel: { rotate: 20, fontSize: 10 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: configs.map((entry) => (entry.tokensPerCorrect === null ? 0 : Math.round(entry.tokensPerCorrect))) }],
  };
  const byLevel: EChartsCoreOption = {
    title: { text: 'Accuracy by difficulty', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    xAxis: { type: 'category', data: levels.map((level) => `L${level}`) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: configs.map((entry) => ({
      type: 'line',
      name: entry.config,
      data: levels.map((level) => {
        const found = entry.byLevel.find((item) => item.level === level);
        return found ? percent(found.accuracy) : null;
      }),
    })),
  };
  return (
    <div className="plots">
      <Chart option={curve} label="Accuracy against generated tokens per configuration" />
      <Chart option={cost} label="Generated tokens per correct answer per configuration" />
      {levels.length > 0 && <Chart option={byLevel} label="Accuracy by difficulty level per configuration" />}
    </div>
  );
}
