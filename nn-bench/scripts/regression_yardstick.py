"""A synthetic regression set, and the two yardsticks nnj's regression is compared with.

  regression_yardstick.py generate DIR   writes DIR/train.csv (4,000 rows) and DIR/test.csv (1,000 rows)
  regression_yardstick.py torch DIR      PyTorch 10-64-64-1 ReLU MLP, Adam 1e-3, batch 32, 200 epochs on
                                         the whole train file; prints the test R² as JSON
  regression_yardstick.py torch DIR [SEEDS...] [--he] [--zero-bias] [--scale-target] [--holdout F]
                                         the same with nnj's old initialisation (He normal, Xavier output, zero
                                         biases), zero biases (as nnj starts them), nnj's standardised targets,
                                         or trained on a seeded random 1 − F of the train file (as a validation
                                         part leaves it), to find where R² differs
  regression_yardstick.py ols DIR        ordinary least squares (numpy lstsq, with an intercept); test R²
  regression_yardstick.py summary FILE   the mean ± sample sd of test_r2 per tool over the JSON lines in FILE

The target is a sum of nonlinear terms of 10 standard-normal features plus Gaussian noise (sigma 0.5),
so a linear model explains only part of it and an MLP can approach the noise floor. Seeded: the files
are the same on every run.
"""
import json
import sys

import numpy as np

FEATURES = 10
NOISE = 0.5


def target(x):
    return (2.0 * np.sin(x[:, 0]) + 0.5 * x[:, 1] ** 2 + np.abs(x[:, 2]) + x[:, 3] * x[:, 4]
            + 2.0 * np.exp(-x[:, 5] ** 2) + np.tanh(2.0 * x[:, 6]) + 0.7 * x[:, 7]
            + np.cos(x[:, 8] + x[:, 9]) + 3.0)


def generate(directory):
    rng = np.random.default_rng(14)
    for name, rows in (("train", 4000), ("test", 1000)):
        x = rng.standard_normal((rows, FEATURES))
        y = target(x) + NOISE * rng.standard_normal(rows)
        header = ",".join(["x%d" % (i + 1) for i in range(FEATURES)] + ["y"])
        np.savetxt("%s/%s.csv" % (directory, name), np.column_stack([x, y]), delimiter=",", fmt="%.6f",
                   header=header, comments="")


def load(directory, name):
    data = np.loadtxt("%s/%s.csv" % (directory, name), delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1]


def r2(y, p):
    return 1.0 - float(np.sum((y - p) ** 2)) / float(np.sum((y - y.mean()) ** 2))


def ols(directory):
    x, y = load(directory, "train")
    xt, yt = load(directory, "test")
    design = np.column_stack([x, np.ones(len(x))])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    pred = np.column_stack([xt, np.ones(len(xt))]) @ coef
    print(json.dumps({"tool": "ols", "test_r2": round(r2(yt, pred), 4)}))


def torch_mlp(directory, seed=0, init="default", scale_target=False, holdout=0.0):
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    x, y = load(directory, "train")
    if holdout > 0:  # leave out a random share, as a validation part would
        keep = np.random.default_rng(seed).permutation(len(x))[:round(len(x) * (1 - holdout))]
        x, y = x[keep], y[keep]
    xt, yt = load(directory, "test")
    mean, std = x.mean(axis=0), x.std(axis=0)  # standardise the features on the train file, as nnj does
    tx = torch.tensor((x - mean) / std, dtype=torch.float32)
    y_mean, y_std = (y.mean(), y.std()) if scale_target else (0.0, 1.0)
    ty = torch.tensor((y - y_mean) / y_std, dtype=torch.float32).unsqueeze(1)
    txt = torch.tensor((xt - mean) / std, dtype=torch.float32)
    net = torch.nn.Sequential(torch.nn.Linear(FEATURES, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                              torch.nn.ReLU(), torch.nn.Linear(64, 1))  # PyTorch's default initialisation
    if init == "he":  # nnj's default for a layer before ReLU (He normal), Xavier normal for the output; zero biases
        for i, layer in enumerate(net):
            if isinstance(layer, torch.nn.Linear):
                if i < 4:
                    torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
                else:
                    torch.nn.init.xavier_normal_(layer.weight)
                torch.nn.init.zeros_(layer.bias)
    if init == "zero-bias":
        for layer in net:
            if isinstance(layer, torch.nn.Linear):
                torch.nn.init.zeros_(layer.bias)
    opt = torch.optim.Adam(net.parameters(), 1e-3)
    loss = torch.nn.MSELoss()
    for _ in range(200):
        order = torch.randperm(len(tx))
        for i in range(0, len(tx), 32):
            idx = order[i:i + 32]
            opt.zero_grad()
            loss(net(tx[idx]), ty[idx]).backward()
            opt.step()
    with torch.no_grad():
        pred = net(txt).squeeze(1).numpy().astype(np.float64) * y_std + y_mean
    print(json.dumps({"tool": "pytorch", "version": torch.__version__, "seed": seed, "init": init, "scaled_target": scale_target,
                      "train_rows": len(x), "test_r2": round(r2(yt, pred), 4)}))


def summary(path):
    by_tool = {}
    with open(path) as lines:
        for line in lines:
            if line.startswith("{"):
                row = json.loads(line)
                by_tool.setdefault(row["tool"], []).append(row["test_r2"])
    means = {}
    for tool, values in by_tool.items():
        means[tool] = float(np.mean(values))
        if len(values) == 1:
            print("%-8s test R² %.4f" % (tool, means[tool]))
        else:
            print("%-8s test R² %.4f ± %.4f over %d seeds" % (tool, means[tool], float(np.std(values, ddof=1)),
                                                             len(values)))
    if "nnj" in means and "pytorch" in means:
        print("nnj − PyTorch: %+.4f" % (means["nnj"] - means["pytorch"]))


if __name__ == "__main__":
    what, where = sys.argv[1], sys.argv[2]
    if what == "generate":
        generate(where)
    elif what == "ols":
        ols(where)
    elif what == "summary":
        summary(where)
    elif what == "torch":
        args = sys.argv[3:]
        init = "he" if "--he" in args else "zero-bias" if "--zero-bias" in args else "default"
        scale = "--scale-target" in args
        holdout = float(args.pop(args.index("--holdout") + 1)) if "--holdout" in args else 0.0
        for s in ([a for a in args if not a.startswith("--")] or ["0"]):
            torch_mlp(where, int(s), init, scale, holdout)
    else:
        sys.exit("usage: regression_yardstick.py generate|torch|ols DIR [SEEDS...], or summary FILE")
