"""SciPy SuperLU baseline of issue 16: one pole node of a host exported by bench/superlu.ts.

Reads <dir>/matrix.json ({n, kept}) and the COO arrays rows.i32, cols.i32,
values.f64 (interleaved re, im), factorizes z·1 − H at z = 0.01i with
scipy.sparse.linalg.splu (its default COLAMD ordering) and solves for the
columns of the kept sites' four BdG components, as the paper's workflow
needs per node. Prints one JSON line: the wall times of `repeats` runs.
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as sla


def main(folder: str, repeats: int) -> None:
    meta = json.load(open(f"{folder}/matrix.json"))
    n = meta["n"]
    rows = np.fromfile(f"{folder}/rows.i32", dtype=np.int32)
    cols = np.fromfile(f"{folder}/cols.i32", dtype=np.int32)
    values = np.fromfile(f"{folder}/values.f64", dtype=np.float64).view(np.complex128)
    h = sp.csc_matrix((values, (rows, cols)), shape=(n, n))
    kept = np.concatenate([np.arange(4 * k, 4 * k + 4) for k in meta["kept"]])
    rhs = np.zeros((n, kept.size), complex)
    rhs[kept, np.arange(kept.size)] = 1
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        a = (0.01j * sp.identity(n, format="csc") - h).tocsc()
        lu = sla.splu(a)
        g = lu.solve(rhs)[kept, :]
        times.append(time.perf_counter() - t0)
    assert np.all(np.isfinite(g))
    print(json.dumps({"seconds": times, "scipy": scipy.__version__}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
