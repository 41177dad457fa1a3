"""The timing loop the reference scripts share: warm up, grow the repetitions until one round lasts
`seconds`, then time `rounds` rounds and return the median seconds per call (the reference-side
counterpart of nnj's own quick harness, nnj.examples.bench.QuickBench)."""
import statistics
import time


def median_seconds_per_call(call, seconds, rounds, warm_calls=1, max_reps=1 << 20):
    for _ in range(warm_calls):
        call()
    reps = 1
    while True:  # grow the repetition count until one round lasts long enough to time
        start = time.perf_counter()
        for _ in range(reps):
            call()
        if time.perf_counter() - start >= seconds or reps >= max_reps:
            break
        reps *= 2
    per_call = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(reps):
            call()
        per_call.append((time.perf_counter() - start) / reps)
    return statistics.median(per_call)
