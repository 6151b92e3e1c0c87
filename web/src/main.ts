/**
 * The rkky explorer: four pages behind a hash router (#/continuum,
 * #/lattice, #/spins, #/gallery). The address always encodes the current
 * page's inputs, so it can be shared. Two workers: one for the continuum page
 * (slider-driven, newest request wins) and one for lattice sweeps, the LDOS
 * and spin ground states, so a long sweep never stalls the sliders.
 */
import './style.css';
import { ComputeWorker } from './compute.js';
import { ContinuumPage } from './continuumPage.js';
import { GalleryPage } from './galleryPage.js';
import { LatticePage } from './latticePage.js';
import { SpinsPage } from './spinsPage.js';
import { h } from './ui.js';
import { readRoute } from './url.js';

interface Page {
  root: HTMLElement;
  show(): void | Promise<void>;
}

const route = readRoute();
const paramsFor = (page: string) => (route.page === page ? route.params : new URLSearchParams());

const heavy = new ComputeWorker();
const spins = new SpinsPage(heavy, paramsFor('spins'));
const pages: Record<string, Page> = {
  continuum: new ContinuumPage(new ComputeWorker(), paramsFor('continuum')),
  lattice: new LatticePage(heavy, paramsFor('lattice'), (result, label) => spins.addCouplings(result, label)),
  spins,
  gallery: new GalleryPage(),
};
const titles: Record<string, string> = { continuum: 'Continuum', lattice: 'Lattice', spins: 'Spin chain', gallery: 'Paper gallery' };

const nav = h('nav', {}, ...Object.keys(pages).map((name) => h('a', { href: `#/${name}`, 'data-page': name }, titles[name]!)));
const app = document.getElementById('app')!;
app.replaceChildren(
  h('header', {}, h('h1', {}, h('span', { class: 'logo' }, 'rkky'), ' explorer'), nav),
  h('main', {}, ...Object.values(pages).map((p) => p.root)),
  h('footer', {}, 'All numbers are computed in this browser tab by the rkky TypeScript library (Web Workers); nothing is sent to a server.'),
);

let current = '';
function showPage(): void {
  const name = readRoute().page in pages ? readRoute().page : 'continuum';
  if (name === current) return;
  current = name;
  for (const [k, p] of Object.entries(pages)) p.root.hidden = k !== name;
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.page === name);
  void pages[name]!.show();
}
// A pasted link with parameters (not a tab click) rebuilds the pages from it.
window.addEventListener('hashchange', () => (readRoute().params.toString() ? location.reload() : showPage()));
showPage();
document.body.dataset.ready = 'true';
