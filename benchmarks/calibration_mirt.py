"""PyPI's `mirt` on the calibration recovery data, for the library comparison in docs/adaptive.md.

`mirt` is not a Digigram dependency: run this in a scratch environment that has it, on the answers
`python -m benchmarks.calibration --export F.npz` wrote:

    python3 -m venv /tmp/mirt-venv && /tmp/mirt-venv/bin/pip install mirt
    /tmp/mirt-venv/bin/python benchmarks/calibration_mirt.py F.npz

mirt cannot fit 3PL and graded items on two correlated dimensions at once, so it fits each area's
self-ratings and shown answers apart (one dimension each, guessing fixed as Digigram fixes it, 61
quadrature points); `python -m benchmarks.calibration` prints Digigram's EM in the same setting.
"""

from __future__ import annotations

import sys
import time

import numpy as np

BINS = ((200, 299), (300, 599), (600, 999), (1000, 10**9))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        import mirt  # type: ignore[import-not-found]
    except ImportError:
        print("mirt is not installed here; see this module's docstring")
        return 0
    if not args:
        print("usage: calibration_mirt.py RECOVERY.npz")
        return 0
    data = np.load(args[0])
    keys = sorted({k.rsplit("__", 1)[0] for k in data.files if k.endswith("__data")})
    rows: list[tuple[str, int, float, float, float, float]] = []  # kind, n, a err, b errs...
    errors: list[tuple[str, int, float, list[float]]] = []
    total = 0.0
    for key in keys:
        dim = key.split("__")[1]
        mat = data[f"{key}__data"].astype(float)
        answered = (mat >= 0).sum(axis=0)
        cols = np.flatnonzero(answered > 0)
        mat = mat[:, cols]
        mat = mat[(mat >= 0).any(axis=1)]
        mat[mat < 0] = np.nan
        prov_b = data[f"{key}__prov_b"][cols]
        widths = (~np.isnan(prov_b)).sum(axis=1)
        c = data[f"{key}__prov_c"][cols]
        three = (widths == 1) & (c > 0)
        models = ["3PL" if t else "GRM" for t in three]
        cats = [2 if t else int(w) + 1 for t, w in zip(three, widths, strict=True)]
        start = {"3PL.guessing": c[three]} if three.any() else None
        fixed = {"3PL.guessing": True} if three.any() else None
        t0 = time.perf_counter()
        fit = mirt.fit_mirt(mat, model=models if len(set(models)) > 1 else models[0],
                            n_categories=cats, n_quadpts=61, start_values=start, fixed=fixed,
                            max_iter=2000, accelerate="squarem")
        total += time.perf_counter() - t0
        coef = fit.model.parameters
        true_a, true_b = data[f"{key}__true_a"][cols], data[f"{key}__true_b"][cols]
        k3 = kg = 0
        for j in range(len(cols)):
            if three[j]:
                a, b = float(coef["3PL.discrimination"][k3]), [float(coef["3PL.difficulty"][k3])]
                k3 += 1
            else:
                prefix = "GRM." if len(set(models)) > 1 else ""
                a = float(np.ravel(coef[f"{prefix}discrimination"])[kg])
                row = np.atleast_2d(coef[f"{prefix}thresholds"])[kg]
                b = [float(x) for x in row if np.isfinite(x)][: int(widths[j])]  # padded to the widest
                kg += 1
            tb = [float(x) for x in true_b[j][: widths[j]]]
            errors.append((dim, int(answered[cols[j]]), a - float(true_a[j]),
                           [x - y for x, y in zip(sorted(b), tb, strict=True)]))
    print(f"mirt {mirt.__version__}: fitted {len(keys)} dimensions in {total:.1f} s")
    print(f"{'items':<8} {'answers':>11} {'n':>4} {'RMSE a':>8} {'RMSE b':>8}")
    for dim in ("self", "shown"):
        for low, high in BINS:
            sel = [e for e in errors if e[0] == dim and low <= e[1] <= high]
            if not sel:
                continue
            ra = float(np.sqrt(np.mean([e[2] ** 2 for e in sel])))
            rb = float(np.sqrt(np.mean([x**2 for e in sel for x in e[3]])))
            span = f"{low}–{high}" if high < 10**9 else f"≥{low}"
            print(f"{dim:<8} {span:>11} {len(sel):>4} {ra:>8.3f} {rb:>8.3f}")
    sel = [e for e in errors if e[1] >= 300]
    print(f"items with ≥ 300 answers: {len(sel)}; "
          f"RMSE(b) {float(np.sqrt(np.mean([x**2 for e in sel for x in e[3]]))):.3f}, "
          f"RMSE(a) {float(np.sqrt(np.mean([e[2] ** 2 for e in sel]))):.3f}")
    del rows
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
