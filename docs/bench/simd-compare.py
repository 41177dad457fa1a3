#!/usr/bin/env python3
"""Interleaved comparison of nnj's simd backend with OpenBLAS (numpy) and PyTorch on this machine.

Each round runs every contender once while holding `/tmp/nnj-timing.lock` (the lock that
`flock /tmp/nnj-timing.lock` takes), so no other timing overlaps it; the order within a round is
fixed, and the rounds interleave the contenders. Reported: the
median over rounds of each contender's figure, and the median over rounds of the per-round ratio.

    python3 docs/bench/simd-compare.py [--rounds R] [--out results.jsonl]

Run from the repository root after building the jar (./nnj builds it when missing).
"""
import argparse, fcntl, json, os, statistics, subprocess, sys

LOCK = "/tmp/nnj-timing.lock"
TOOLS = os.environ.get("NNJ_SHARED_TOOLS", "/work/shared/tools")
JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64"

GEMM_1T = [("1024x1024x1024", "1024,1024,1024", ""), ("128x784x256", "128,784,256", ""),
           ("128x256x128", "128,256,128", ""), ("784x128x256:ta", "784,128,256", "--trans-a"),
           ("128x128x256:tb", "128,128,256", "--trans-b")]
BATCHES = ["32", "128", "512"]


def run_json(cmd, env=None):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]


def nnj(args, jdk=None):
    env = dict(os.environ)
    if jdk:
        env["JAVA_HOME"] = jdk
    return run_json(["./nnj"] + args, env)


def one_round(gemm_only=False):
    r = {}
    for t in ("1", "2"):
        shapes = [s for s, _, _ in GEMM_1T] if t == "1" else ["1024x1024x1024"]
        for o in run_json([f"{TOOLS}/openblas-gemm", "--threads", t, "--json"] + shapes):
            r[f"openblas {o['shape']} t{t}"] = o["gflops_median"]
    for jdk, tag in ((None, "jdk17"), (JDK25, "jdk25")):
        for t in ("1", "2"):
            for shape, size, flag in GEMM_1T if t == "1" else GEMM_1T[:1]:
                args = ["bench", "gemm", "--backend", "simd", "--threads", t, "--json", "--size", size]
                if flag:
                    args.append(flag)
                for o in nnj(args, jdk):
                    r[f"simd-{tag} {shape} t{t}"] = o["gflops"]
    if gemm_only:
        return r
    for o in run_json([f"{TOOLS}/torch-mlp", "--threads", "2", "--json"] + BATCHES):
        r[f"pytorch train b{o['batch']} t2"] = o["samples_per_s"]
    for jdk, tag, backend in ((None, "jdk17", "all"), (JDK25, "jdk25", "simd")):
        for o in nnj(["bench", "train", "--backend", backend, "--threads", "2", "--json", "--batch-size"] + BATCHES, jdk):
            name = o["backend"] if o["backend"] != "simd" else f"simd-{tag}"
            r[f"{name} train b{o['batch']} t2"] = o["samples_per_s"]
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=None)
    ap.add_argument("--gemm-only", action="store_true", help="skip the training-step contenders")
    a = ap.parse_args()
    rounds = []
    for i in range(a.rounds):
        with open(LOCK, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # held for the whole round
            try:
                r = one_round(a.gemm_only)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        rounds.append(r)
        print(f"round {i + 1}: " + json.dumps(r), file=sys.stderr, flush=True)
        if a.out:
            with open(a.out, "a") as f:
                f.write(json.dumps(r) + "\n")
    keys = sorted(rounds[0])
    print(f"{'figure':44} {'median':>10}   per-round values")
    for k in keys:
        vals = [r[k] for r in rounds if k in r]
        print(f"{k:44} {statistics.median(vals):10.1f}   {vals}")
    def ratio(num, den):
        vals = [r[num] / r[den] for r in rounds if num in r and den in r and r[den] > 0]
        return statistics.median(vals), vals
    print("\nratios (median of per-round ratios)")
    for shape, _, _ in GEMM_1T:
        for tag in ("jdk17", "jdk25"):
            m, v = ratio(f"simd-{tag} {shape} t1", f"openblas {shape} t1")
            print(f"simd-{tag} / openblas {shape} 1 thread: {m:.2f}  {[round(x, 2) for x in v]}")
    for tag in ("jdk17", "jdk25"):
        m, v = ratio(f"simd-{tag} 1024x1024x1024 t2", "openblas 1024x1024x1024 t2")
        print(f"simd-{tag} / openblas 1024x1024x1024 2 threads: {m:.2f}  {[round(x, 2) for x in v]}")
    for b in BATCHES if not a.gemm_only else []:
        for other in ("pytorch", "ejml", "naive", "simd-jdk25"):
            m, v = ratio(f"simd-jdk17 train b{b} t2", f"{other} train b{b} t2")
            print(f"simd-jdk17 / {other} train batch {b} 2 threads: {m:.2f}  {[round(x, 2) for x in v]}")


if __name__ == "__main__":
    main()
