export * from './math/complex.js';
