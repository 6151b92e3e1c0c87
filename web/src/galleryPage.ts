/**
 * Paper gallery: the reproduced figures, read at run time from
 * `gallery/gallery.json` (copied from web/public/gallery/ into the built
 * site): {"figures": [{"file", "title", "caption"}]} with SVG or PNG files
 * beside it. Regenerate with `node web/scripts/gallery.mjs` (docs/web.md).
 */
import { h } from './ui.js';

interface Figure {
  file: string;
  title?: string;
  caption?: string;
}

export class GalleryPage {
  readonly root: HTMLElement;
  private readonly grid = h('div', { class: 'gallery', 'data-gallery': '' });
  private loaded = false;

  constructor() {
    this.root = h(
      'section',
      { class: 'page', id: 'page-gallery' },
      h('h2', {}, 'Paper gallery'),
      h('p', { class: 'lead' }, 'Figures of arXiv:2407.07144 reproduced by rkky (computed offline with the CLI; the explorer only shows them).'),
      this.grid,
    );
  }

  async show(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    let figures: Figure[] = [];
    try {
      const res = await fetch('gallery/gallery.json', { cache: 'no-cache' });
      if (res.ok) figures = ((await res.json()) as { figures?: Figure[] }).figures ?? [];
    } catch {
      figures = [];
    }
    figures = figures.filter((f) => typeof f.file === 'string' && /\.(svg|png)$/i.test(f.file));
    if (figures.length === 0) {
      this.grid.replaceChildren(
        h(
          'p',
          { class: 'placeholder', 'data-placeholder': '' },
          'No figures yet. Reproduce them with the CLI, put the SVG/PNG files in web/public/gallery/, run `node web/scripts/gallery.mjs` and rebuild (see docs/web.md).',
        ),
      );
      return;
    }
    this.grid.replaceChildren(
      ...figures.map((f) =>
        h(
          'figure',
          { class: 'figure' },
          h('a', { href: `gallery/${encodeURI(f.file)}`, target: '_blank' }, h('img', { src: `gallery/${encodeURI(f.file)}`, alt: f.title ?? f.file, loading: 'lazy' })),
          h('figcaption', {}, h('strong', {}, f.title ?? f.file), f.caption ? ` — ${f.caption}` : ''),
        ),
      ),
    );
  }
}
