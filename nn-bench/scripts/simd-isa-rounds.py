#!/usr/bin/env python3
"""Interleaved rounds of nnj's simd backend against OpenBLAS and PyTorch, on one ISA.

    python3 nn-bench/scripts/simd-isa-rounds.py --isa native|avx2 [--rounds 3] [--out rounds.jsonl]

--isa avx2 runs the JVM with -XX:UseAVX=2 (C2 emits AVX2 code with 16 registers, and the simd
backend picks its AVX2 kernel) and the yardsticks with --coretype Haswell (OpenBLAS's AVX2 kernels):
like against like on an AVX-512 machine. The JDK is ./nnj's: $JAVA_HOME if set, else `java` on the
PATH; each record names it (jdk), so rounds from different JDKs are not pooled by mistake. Each
round holds the timing lock (flock -x /tmp/nnj-cpu.lock) for its whole length (about two minutes)
and runs, in this order: OpenBLAS 1 thread, OpenBLAS 2 threads, `./nnj bench gemm` 1 and 2 threads,
PyTorch's training step on 2 threads, `./nnj bench train` on 2 threads and on 1 thread. Printed: the
median over rounds of each figure and of each per-round ratio. Run from the repository root (./nnj
builds its jar if needed).
"""
import argparse, fcntl, json, os, statistics, subprocess, sys

LOCK = "/tmp/nnj-cpu.lock"
TOOLS = os.environ.get("NNJ_SHARED_TOOLS", "/work/shared/tools")
# (yardstick shape, nnj --size, nnj flag)
GEMM_1T = [("1024x1024x1024", "1024,1024,1024", None), ("128x784x256", "128,784,256", None),
           ("512x784x256", "512,784,256", None), ("128x256x128", "128,256,128", None),
           ("784x128x256:ta", "784,128,256", "--trans-a"), ("128x128x256:tb", "128,128,256", "--trans-b")]
BATCHES = ["32", "128", "512"]
FLOPS_PER_SAMPLE = 1_007_104  # forward 2·(784·256 + 256·128 + 128·10) ×3 (forward, dW, dX) less dX of layer 1


def run_json(cmd, env=None):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]


def one_round(isa):
    env = dict(os.environ)
    core = []
    if isa == "avx2":
        env["NNJ_JAVA_OPTS"] = (env.get("NNJ_JAVA_OPTS", "") + " -XX:UseAVX=2").strip()
        core = ["--coretype", "Haswell"]
    r = {}
    for o in run_json([f"{TOOLS}/openblas-gemm", "--threads", "1", "--json"] + core + [s for s, _, _ in GEMM_1T]):
        r[f"openblas {o['shape']} t1"] = o["gflops_median"]
    for o in run_json([f"{TOOLS}/openblas-gemm", "--threads", "2", "--json"] + core + ["1024x1024x1024"]):
        r[f"openblas {o['shape']} t2"] = o["gflops_median"]
    for flag in (None, "--trans-a", "--trans-b"):
        shapes = [(s, size) for s, size, f in GEMM_1T if f == flag]
        args = ["./nnj", "bench", "gemm", "--backend", "simd", "--threads", "1", "--rounds", "3", "--json",
                "--size"] + [size for _, size in shapes] + ([flag] if flag else [])
        for (shape, _), o in zip(shapes, run_json(args, env)):
            r[f"simd {shape} t1"] = o["gflops"]
    for o in run_json(["./nnj", "bench", "gemm", "--backend", "simd", "--threads", "2", "--rounds", "3", "--json",
                       "--size", "1024,1024,1024"], env):
        r["simd 1024x1024x1024 t2"] = o["gflops"]
    for o in run_json([f"{TOOLS}/torch-mlp", "--threads", "2", "--json"] + core + BATCHES):
        r[f"pytorch train b{o['batch']} t2"] = o["samples_per_s"]
    for t in ("2", "1"):
        for o in run_json(["./nnj", "bench", "train", "--backend", "simd", "--threads", t, "--rounds", "5",
                           "--seconds", "0.3", "--json", "--batch-size"] + BATCHES, env):
            r[f"simd train b{o['batch']} t{t}"] = o["samples_per_s"]
    return r


def jdk_version():
    """The feature release of the JDK that ./nnj runs ("17", "25"): $JAVA_HOME's java, else the PATH's."""
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    for line in out.splitlines():
        if line.strip().startswith("java.specification.version"):
            return line.split("=", 1)[1].strip()
    return "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--isa", choices=["native", "avx2"], default="native")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out")
    a = ap.parse_args()
    rounds = []
    jdk = jdk_version()
    for i in range(a.rounds):
        with open(LOCK, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                r = one_round(a.isa)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        rounds.append(r)
        print(f"round {i + 1}: {json.dumps(r)}", file=sys.stderr, flush=True)
        if a.out:
            with open(a.out, "a") as f:
                f.write(json.dumps(dict(isa=a.isa, jdk=jdk, round=i + 1, **r)) + "\n")

    def ratio(num, den, scale=1.0):
        vals = [scale * x[num] / x[den] for x in rounds if num in x and den in x and x[den] > 0]
        return statistics.median(vals), [round(v, 2) for v in vals]

    print(f"isa {a.isa}, JDK {jdk}, {len(rounds)} rounds; figure: median (per round)")
    for k in sorted(rounds[0]):
        vals = [x[k] for x in rounds if k in x]
        print(f"  {k:34} {statistics.median(vals):10.1f}  {vals}")
    print("ratios: median (per round)")
    for s, _, _ in GEMM_1T:
        print(f"  simd/OpenBLAS {s} 1 thread: %.2f %s" % ratio(f"simd {s} t1", f"openblas {s} t1"))
    print("  simd/OpenBLAS 1024^3 2 threads: %.2f %s" % ratio("simd 1024x1024x1024 t2", "openblas 1024x1024x1024 t2"))
    print("  simd 2 threads / 1 thread, 1024^3: %.2f %s" % ratio("simd 1024x1024x1024 t2", "simd 1024x1024x1024 t1"))
    for b in BATCHES:
        print(f"  simd/PyTorch train b{b} 2 threads: %.2f %s" % ratio(f"simd train b{b} t2", f"pytorch train b{b} t2"))
        print(f"  simd train b{b} 2 threads / 1 thread: %.2f %s" % ratio(f"simd train b{b} t2", f"simd train b{b} t1"))
    # effective GFLOPS of a 1-thread step at b512 over OpenBLAS's 1-thread 1024^3 GFLOPS
    print("  simd train b512 1 thread, effective GFLOPS / OpenBLAS 1024^3 1 thread: %.2f %s"
          % ratio("simd train b512 t1", "openblas 1024x1024x1024 t1", FLOPS_PER_SAMPLE / 1e9))


if __name__ == "__main__":
    main()
