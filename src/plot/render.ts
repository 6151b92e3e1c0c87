/** Headless Vega-Lite rendering in Node (Vega's View with renderer 'none': no canvas package needed). */
import * as vega from 'vega';
import * as vl from 'vega-lite';

/** Render any Vega-Lite specification to SVG text. */
export async function vegaLiteSvg(spec: vl.TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
