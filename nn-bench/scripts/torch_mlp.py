"""PyTorch CPU throughput for the MLP nnj's MlpBench runs, as JSON lines.

784-256-128-10 with ReLU, He-initialised weights, zero biases, softmax cross-entropy and Adam
(lr 1e-3), on synthetic MNIST-shaped data of 8 batches taken in turn, like MlpBench. For each batch size it reports one
training step (forward, loss, backward, Adam) and one inference pass (forward under no_grad),
timed in rounds of about `seconds` each; the median round is reported, in samples per second.
"""
import argparse
import json

import torch
from threadpoolctl import threadpool_info

from quick_timing import median_seconds_per_call

BATCHES = 8  # consecutive steps see different data, as in an epoch (MlpBench does the same)


def build_model():
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10))
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            torch.nn.init.zeros_(layer.bias)
    return model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=0.3)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("batches", nargs="*", type=int, default=[32, 128, 512])
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    pools = ", ".join("%s %s" % (p.get("internal_api"), p.get("version") or "") for p in threadpool_info())
    for batch in args.batches:
        model = build_model()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = torch.nn.CrossEntropyLoss()
        xs = torch.rand(BATCHES * batch, 784)
        ys = torch.randint(0, 10, (BATCHES * batch,))
        turn = [0]

        def train_step():
            start = turn[0] * batch
            turn[0] = (turn[0] + 1) % BATCHES
            optimizer.zero_grad(set_to_none=True)
            loss_fn(model(xs[start:start + batch]), ys[start:start + batch]).backward()
            optimizer.step()

        def inference():
            with torch.no_grad():
                model(xs[:batch])

        for kind, call in (("trainStep", train_step), ("inference", inference)):
            seconds = median_seconds_per_call(call, args.seconds, args.rounds, warm_calls=3, max_reps=1 << 16)
            print(json.dumps({"tool": "pytorch", "torch": torch.__version__, "pools": pools, "kind": kind,
                              "batch": batch, "threads": args.threads, "seconds_per_call": seconds,
                              "samples_per_s": batch / seconds}), flush=True)


if __name__ == "__main__":
    main()
