#!/usr/bin/env python3
"""What C2 made of a simd kernel: its hottest loop, disassembled, and the vector spills in it.

    python3 nn-bench/scripts/c2-kernel-asm.py [--avx2] [--blocking 6x2] [--method tile6x2Add] [--print-loop]
    python3 nn-bench/scripts/c2-kernel-asm.py --workload cnn --method DirectConv::weightsChannel
    python3 nn-bench/scripts/c2-kernel-asm.py --avx2 --method rows6x2Add --fail-on-spill   (as .ci/run does)

Runs `./nnj bench gemm` (1 thread, 512×1024·1024×512: two k blocks, so both the write and the add
kernels run) with -XX:CompileCommand=print on one method of nnj.backend.simd.MicroKernel, takes the
last C2 compilation of it (not an on-stack-replacement one), disassembles it with objdump
(binutils), and finds the innermost loop with the most FMAs: the k loop. It prints the loop's size
and counts its vector loads and stores that address the stack ([rsp…]): each one is an accumulator
or operand that C2 could not keep in a register.

Why: the JIT, not the Java source, decides whether a register-blocked kernel fits the register
file. JDK 25's C2 spilled an accumulator of the AVX2 6x2 kernel on every k step (JDK 17's did not),
which cost a third of the speed (docs/BENCHMARKS.md, seventh session), until the kernels' loops
were counted by B's index (tenth session). This shows it in seconds, and .ci/run fails on it.
Without hsdis, HotSpot prints compiled code as hex, hence objdump. The JDK is ./nnj's: $JAVA_HOME
if set, else `java` on the PATH. Run from the repository root.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile

HEX_LINE = re.compile(r"\s+0x[0-9a-f]+: ((?:[0-9a-f]{2,8}\s*\|?\s*)+)$")
JUMP = re.compile(r"^\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(j[a-z]+)\s+0x([0-9a-f]+)")
INSN = re.compile(r"^\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(.*)$")


def compiled_code(out, method):
    """The machine code bytes of the last non-OSR C2 compilation of method in HotSpot's output."""
    lines = out.splitlines()
    starts = [i for i, l in enumerate(lines)
              if re.search(r"Compiled method \(c2\).*::" + re.escape(method) + r" \(", l) and " % " not in l]
    if not starts:
        sys.exit(f"no C2 compilation of {method} in the output; is the method name right, and did it run?")
    code = bytearray()
    for line in lines[starts[-1]:]:
        if "[Stub Code]" in line or "[Exception Handler]" in line:
            break
        m = HEX_LINE.match(line)
        if m:
            code += bytes.fromhex(re.sub(r"[\s|]", "", m.group(1)))
    return bytes(code)


def disassemble(code):
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(code)
        f.flush()
        return subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", "-M", "intel", f.name],
                              capture_output=True, text=True, check=True).stdout.splitlines()


def hottest_loop(listing):
    """(start, end) offsets of the innermost backward jump's range holding the most FMAs."""
    # objdump prints a long encoding's last bytes on a line of their own, with no mnemonic: not an instruction
    insns = [(int(m.group(1), 16), m.group(2)) for m in map(INSN.match, listing) if m and m.group(2).strip()]
    best = None
    for line in listing:
        m = JUMP.match(line)
        if not m:
            continue
        at, target = int(m.group(1), 16), int(m.group(3), 16)
        if target >= at:
            continue
        fmas = sum(1 for a, text in insns if target <= a <= at and text.startswith("vfmadd"))
        key = (fmas, -(at - target))  # most FMAs, then the tightest loop
        if fmas and (best is None or key > best[0]):
            best = (key, target, at)
    if best is None:
        sys.exit("no loop with FMAs found in the compiled method")
    return best[1], best[2], insns


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--avx2", action="store_true", help="run C2 with -XX:UseAVX=2 (16 vector registers)")
    ap.add_argument("--blocking", help="force a register blocking (-Dnnj.simd.blocking), e.g. 6x2")
    ap.add_argument("--method", help="a MicroKernel method, or Class::method of nnj.backend.simd "
                    "(default: the chosen blocking's MicroKernel.tileRxVAdd)")
    ap.add_argument("--workload", choices=["gemm", "cnn"], default="gemm",
                    help="what runs the method: bench gemm (default), or one second of the cnn preset's step")
    ap.add_argument("--print-loop", action="store_true", help="print the loop's instructions")
    ap.add_argument("--fail-on-spill", action="store_true",
                    help="exit with status 1 when the loop has a vector load or store on the stack (for CI)")
    a = ap.parse_args()
    if shutil.which("objdump") is None:
        sys.exit("objdump is needed to disassemble HotSpot's hex dump: apt-get install binutils")

    opts = ["-XX:+UnlockDiagnosticVMOptions"]
    if a.avx2:
        opts.append("-XX:UseAVX=2")
    if a.blocking:
        opts.append(f"-Dnnj.simd.blocking={a.blocking}")
    env = dict(os.environ, NNJ_JAVA_OPTS=" ".join(opts + [os.environ.get("NNJ_JAVA_OPTS", "")]).strip())
    method = a.method
    if method is None:
        out = subprocess.run(["./nnj", "backends"], capture_output=True, text=True, env=env).stdout
        m = re.search(r"kernel (\d+x\d+) =", out)
        if not m:
            sys.exit("could not tell which kernel simd chose from ./nnj backends:\n" + out)
        method = f"tile{m.group(1)}Add"
    cls, _, name = method.rpartition("::")
    env["NNJ_JAVA_OPTS"] += f" -XX:CompileCommand=print,nnj.backend.simd.{cls or 'MicroKernel'}::{name}"
    if a.workload == "gemm":
        cmd = ["./nnj", "bench", "gemm", "--backend", "simd", "--threads", "1", "--rounds", "3",
               "--size", "512,1024,512"]
    else:
        cmd = ["./nnj", "bench", "train", "--arch", "cnn", "--backend", "simd", "--threads", "1",
               "--batch-size", "32", "--rounds", "1", "--seconds", "1"]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if run.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    method = name
    listing = disassemble(compiled_code(run.stdout + run.stderr, name))
    start, end, insns = hottest_loop(listing)
    body = [(addr, text) for addr, text in insns if start <= addr <= end]
    fmas = sum(1 for _, t in body if t.startswith("vfmadd"))
    spills = [(addr, t) for addr, t in body if re.search(r"[xyz]mm\d+", t) and "[rsp" in t]
    print(f"{method}: k loop at +0x{start:x}..+0x{end:x}, {len(body)} instructions, {fmas} FMAs, "
          f"{len(spills)} vector loads/stores on the stack")
    for addr, t in spills:
        print(f"  spill +0x{addr:x}: {t}")
    if a.print_loop:
        for addr, t in body:
            print(f"  +0x{addr:x}: {t}")
    if a.fail_on_spill and spills:
        sys.exit(f"FAIL: C2 spilled vectors in the k loop of {method}")


if __name__ == "__main__":
    main()
