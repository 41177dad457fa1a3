"""OpenBLAS SGEMM speed through numpy, as JSON lines, for the cases nnj's GemmBench runs.

Case syntax is GemmBench's: "MxKxN:XY" means op(A) (m x k) times op(B) (k x n), with X/Y = N or T
telling whether A/B are stored transposed. Each case is warmed up, then timed in rounds of about
`seconds` each; the median round is reported.
"""
import argparse
import json

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from quick_timing import median_seconds_per_call


def parse_case(text):
    dims, _, variant = text.lower().partition(":")
    m, k, n = (int(v) for v in dims.split("x"))
    variant = variant or "nn"
    return m, k, n, variant[0] == "t", variant[1] == "t"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=0.2)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("cases", nargs="*", default=["256x256x256:NN", "1024x1024x1024:NN", "128x784x256:NN"])
    args = ap.parse_args()
    threadpool_limits(limits=args.threads)
    blas = [p for p in threadpool_info() if p.get("internal_api") == "openblas"]
    blas_name = "OpenBLAS %s (%s)" % (blas[0].get("version"), blas[0].get("architecture")) if blas else "not OpenBLAS"
    rng = np.random.default_rng(42)
    for case in args.cases:
        m, k, n, ta, tb = parse_case(case)
        a = rng.uniform(-1, 1, size=(k, m) if ta else (m, k)).astype(np.float32)
        b = rng.uniform(-1, 1, size=(n, k) if tb else (k, n)).astype(np.float32)
        c = np.empty((m, n), dtype=np.float32)
        op_a = a.T if ta else a
        op_b = b.T if tb else b
        seconds = median_seconds_per_call(lambda: np.matmul(op_a, op_b, out=c), args.seconds, args.rounds)
        print(json.dumps({"tool": "openblas", "blas": blas_name, "numpy": np.__version__, "case": case,
                          "threads": args.threads, "seconds_per_call": seconds,
                          "gflops": 2.0 * m * k * n / seconds / 1e9}), flush=True)


if __name__ == "__main__":
    main()
