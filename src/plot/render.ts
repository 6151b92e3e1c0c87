/** Headless Vega-Lite rendering in Node (Vega's View with renderer 'none': no canvas package needed). */
import type * as vl from 'vega-lite';

/** Render any Vega-Lite specification to SVG text. Vega is loaded on first use: every CLI start would otherwise pay ~0.3 s for it. */
export async function vegaLiteSvg(spec: vl.TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
