/** Test helper: run with a kernel choice forced, then restore the one the suite was started with (RKKY_KERNELS, default auto). */
import { setKernels, type KernelChoice } from '../../../src/solvers/sparse/wasm/kernels.js';

const initial = (process.env.RKKY_KERNELS ?? 'auto') as KernelChoice;

/** The suites also run under RKKY_KERNELS=js: WebAssembly comparisons force 'wasm' and restore the choice. */
export function withKernels<T>(choice: KernelChoice, run: () => T): T {
  setKernels(choice);
  try {
    return run();
  } finally {
    setKernels(initial);
  }
}
