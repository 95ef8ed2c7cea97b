/** @module Server-side chart rendering: an ECharts option → SVG (ECharts SSR) → PNG (resvg). */
import { Resvg } from '@resvg/resvg-js';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/** Approximate DejaVu Sans advance widths (em), the font resvg draws with; ECharts' built-in guess is Arial-sized and overlaps. */
function characterWidth(character: string): number {
  if (/[0-9]/.test(character)) return 0.636;
  if (character === ' ') return 0.318;
  if (/[iljI.,:;'|!]/.test(character)) return 0.3;
  if (/[ftr()[\]{}-]/.test(character)) return 0.4;
  if (/[mwMW%@—]/.test(character)) return 0.95;
  if (/[=+<>→≥−]/.test(character)) return 0.84;
  if (/[A-Z]/.test(character)) return 0.72;
  return 0.62;
}

echarts.setPlatformAPI({
  measureText(text: string, font?: string) {
    const size = Number(/([\d.]+)px/.exec(font ?? '')?.[1] ?? 12);
    let width = 0;
    for (const character of text ?? '') width += characterWidth(character) * size;
    return { width } as TextMetrics;
  },
});

/** Chart size in CSS pixels; PNGs are rendered at twice this for sharp text. */
export const CHART_SIZE = { width: 960, height: 560 };

/** Renders an ECharts option to an SVG string (no animation, fixed size). */
export function renderSvg(option: Record<string, unknown>, size = CHART_SIZE): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'DejaVu Sans, Arial, sans-serif' },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Rasterizes an SVG to PNG at `scale` times its width, on a white background. */
export function svgToPng(svg: string, width = CHART_SIZE.width * 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
