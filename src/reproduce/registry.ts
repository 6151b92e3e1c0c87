/** The reproducible figures of arXiv:2407.07144, in the paper's order. */
import { fig1b } from './fig1b.js';
import { fig1c } from './fig1c.js';
import { fig2 } from './fig2.js';
import { fig3a } from './fig3a.js';
import { fig3b } from './fig3b.js';
import type { Figure, FigureId } from './figure.js';

export const FIGURES: readonly Figure[] = [fig1b, fig1c, fig2, fig3a, fig3b];

export const FIGURE_IDS: readonly FigureId[] = FIGURES.map((f) => f.id);

/** The figure with this id, or undefined. */
export const figureById = (id: string): Figure | undefined => FIGURES.find((f) => f.id === id);
