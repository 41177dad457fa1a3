"""PyTorch's accuracy for nnj's `--arch cnn` preset on MNIST-like IDX data, the yardstick of issue 12.

  cnn_mnist_yardstick.py subset SRC DST N   writes DST/ with the first N training samples of the IDX
                                            directory SRC (raw or .gz files) and all of its test set,
                                            as raw IDX files nnj reads with --dataset idx:DST
  cnn_mnist_yardstick.py torch DIR [--epochs E] [--seed S] [--threads T]
                                            trains the preset in PyTorch on all of DIR's training set
                                            (Adam 1e-3, batch 64, E epochs, default 10; inputs
                                            standardised with one global mean and std of the training
                                            pixels) and prints its test accuracy as one JSON object

The net is the one `./nnj train --arch cnn` builds: conv 3×3 (1→32, same) + ReLU, max pool 2,
conv 3×3 (32→64, same) + ReLU, max pool 2, dense 3136→128 + ReLU, dense → classes; PyTorch's
default initialisation.
"""
import gzip
import json
import os
import sys

import numpy as np

NAMES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


def read_idx(directory, name):
    """The raw bytes of one IDX file, raw or gzipped."""
    path = os.path.join(directory, name)
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    with gzip.open(path + ".gz", "rb") as f:
        return f.read()


def images(raw):
    count, rows, cols = (int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(3))
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(count, rows, cols)


def labels(raw):
    return np.frombuffer(raw, dtype=np.uint8, offset=8)


def write_subset(src, dst, n):
    """First n training samples (images and labels, same order); the test files copied whole."""
    os.makedirs(dst, exist_ok=True)
    for name in NAMES:
        raw = read_idx(src, name)
        if name.startswith("train"):
            dims = raw[3]
            header = bytearray(raw[:4 + 4 * dims])
            header[4:8] = n.to_bytes(4, "big")
            item = 1
            for d in range(1, dims):
                item *= int.from_bytes(raw[4 + 4 * d:8 + 4 * d], "big")
            raw = bytes(header) + raw[4 + 4 * dims:4 + 4 * dims + n * item]
        tmp = os.path.join(dst, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(raw)
        os.replace(tmp, os.path.join(dst, name))


def train_torch(directory, epochs, seed, threads):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    x_train = images(read_idx(directory, NAMES[0])).astype(np.float32) / 255.0
    y_train = labels(read_idx(directory, NAMES[1])).astype(np.int64)
    x_test = images(read_idx(directory, NAMES[2])).astype(np.float32) / 255.0
    y_test = labels(read_idx(directory, NAMES[3])).astype(np.int64)
    mean, std = x_train.mean(), x_train.std()
    to_tensor = lambda x: torch.from_numpy((x - mean) / std).unsqueeze(1)
    xt, yt, xe, ye = to_tensor(x_train), torch.from_numpy(y_train), to_tensor(x_test), torch.from_numpy(y_test)
    classes = int(y_train.max()) + 1
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(64 * (xt.shape[2] // 4) * (xt.shape[3] // 4), 128), torch.nn.ReLU(),
        torch.nn.Linear(128, classes))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        net.train()
        order = torch.randperm(len(xt))
        for start in range(0, len(xt), 64):
            idx = order[start:start + 64]
            opt.zero_grad()
            loss_fn(net(xt[idx]), yt[idx]).backward()
            opt.step()
    net.eval()
    with torch.no_grad():
        correct = sum(int((net(xe[i:i + 1000]).argmax(1) == ye[i:i + 1000]).sum()) for i in range(0, len(xe), 1000))
    print(json.dumps({"framework": "pytorch " + torch.__version__, "train_samples": len(xt), "epochs": epochs,
                      "seed": seed, "test_accuracy": round(correct / len(xe), 4)}))


def option(args, name, default):
    return int(args[args.index(name) + 1]) if name in args else default


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "subset":
        write_subset(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "torch":
        rest = sys.argv[3:]
        train_torch(sys.argv[2], option(rest, "--epochs", 10), option(rest, "--seed", 0), option(rest, "--threads", 2))
    else:
        sys.exit(__doc__)
