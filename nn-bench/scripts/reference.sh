#!/usr/bin/env bash
# Runs one of nnj's reference measurements with the BLAS set-up it needs, printing JSON lines.
#   reference.sh gemm  [--threads T] [--seconds S] [MxKxN[:XY] ...]   OpenBLAS SGEMM through numpy
#   reference.sh mlp   [--threads T] [--seconds S] [BATCH ...]        PyTorch 784-256-128-10 MLP, Adam
# Needs Debian's python3-numpy / python3-torch, python3-threadpoolctl and the OpenBLAS builds named
# below; it installs nothing and exits with status 3 and the apt-get command when they are missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
what="${1:-}"; shift || true
case "$what" in
  gemm)
    # numpy alone: the pthread OpenBLAS is Debian's usual choice and the fastest here.
    lib=/usr/lib/x86_64-linux-gnu/openblas-pthread
    modules="numpy threadpoolctl"
    packages="python3-numpy python3-threadpoolctl libopenblas0-pthread"
    script="$here/openblas_gemm.py" ;;
  mlp)
    # PyTorch runs its own OpenMP pool; OpenBLAS's pthread pool beside it makes both spin against
    # each other on few cores, and Debian's reference BLAS is far slower. The OpenMP build shares
    # one pool, so it is the one pinned here.
    lib=/usr/lib/x86_64-linux-gnu/openblas-openmp
    modules="torch threadpoolctl"
    packages="python3-torch python3-threadpoolctl libopenblas0-openmp"
    script="$here/torch_mlp.py" ;;
  *)
    echo "usage: reference.sh gemm|mlp [--threads T] [--seconds S] [CASES...]" >&2; exit 2 ;;
esac
for m in $modules; do
  if ! /usr/bin/python3 -c "import $m" 2>/dev/null; then
    echo "python module '$m' is missing; install it with: apt-get install $packages" >&2; exit 3
  fi
done
if [ ! -d "$lib" ]; then
  echo "$lib is missing; install it with: apt-get install $packages" >&2; exit 3
fi
threads=1
for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = "--threads" ]; then j=$((i + 1)); threads="${!j}"; fi
done
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set on some machines here for older OpenBLAS builds; they
# slow a current one down, so they are dropped for this measurement only.
exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
  OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" LD_LIBRARY_PATH="$lib" \
  /usr/bin/python3 "$script" "$@"
