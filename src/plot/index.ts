/** Shared plotting: SVG line charts (Vega-Lite, headless) and atomic .svg/.png figure files. */
export * from './lineChart.js';
export * from './heatmap.js';
export * from './writeFigure.js';
export * from './files.js';
export * from './render.js';
export * from './bandsChart.js';
