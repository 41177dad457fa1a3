#!/usr/bin/env bash
# nnj's regression against PyTorch and OLS on a synthetic set with separate train and test files.
#   nn-bench/scripts/regression-vs-pytorch.sh [DIR]     (default DIR: /tmp/nnj-regression)
# Writes DIR/train.csv (4,000 rows) and DIR/test.csv (1,000 rows) with regression_yardstick.py, then prints
# the test R² of:
#   nnj      ./nnj train --dataset csv:TRAIN --test-dataset csv:TEST --target y --layers 64,64 --epochs 200
#            (the CLI's other defaults), seeds 42, 1, 2, 3, 4
#   PyTorch  10-64-64-1 ReLU, default init, Adam 1e-3, batch 32, 200 epochs on the whole train file, seeds 0 to 4
#   OLS      numpy lstsq with an intercept
# and then the mean ± sd of each over its seeds (DIR/results.jsonl keeps every line).
# This is CPU work, not a timing: it runs under the shared CPU lock at low priority.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${1:-/tmp/nnj-regression}"
mkdir -p "$dir"
python=/usr/bin/python3  # the interpreter /work/shared/tools/torch-mlp uses, with python3-torch
lib=/usr/lib/x86_64-linux-gnu/openblas-openmp
run() { flock -s /tmp/nnj-cpu.lock nice -n 10 "$@"; }

"$python" "$here/regression_yardstick.py" generate "$dir"
echo "data: $dir/train.csv (4,000 rows), $dir/test.csv (1,000 rows), 10 features"
results="$dir/results.jsonl"
{
  for seed in 42 1 2 3 4; do
    r2=$(run "$root/nnj" train --dataset "csv:$dir/train.csv" --test-dataset "csv:$dir/test.csv" --target y \
          --layers 64,64 --epochs 200 --seed "$seed" --json --quiet \
        | "$python" -c 'import json, sys; print(round(json.load(sys.stdin)["r2"], 4))')
    echo "{\"tool\": \"nnj\", \"seed\": $seed, \"test_r2\": $r2}"
  done
  run env OMP_NUM_THREADS=1 LD_LIBRARY_PATH="$lib" "$python" "$here/regression_yardstick.py" torch "$dir" 0 1 2 3 4
  "$python" "$here/regression_yardstick.py" ols "$dir"
} | tee "$results"
"$python" "$here/regression_yardstick.py" summary "$results"
