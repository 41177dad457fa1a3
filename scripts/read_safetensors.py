#!/usr/bin/env python3
"""Read a .safetensors file written by nnj with numpy alone, and print its layers and every tensor
(parameters, BatchNorm running statistics, normalisation).

Usage: read_safetensors.py MODEL.safetensors [--dump OUT.npz]
Layout: 8-byte little-endian header length N, N bytes of JSON, then the raw tensor bytes.
"""
import json, struct, sys
import numpy as np

def read(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    dtypes = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4"}
    tensors = {}
    for name, t in header.items():
        begin, end = t["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype=dtypes[t["dtype"]]).reshape(t["shape"])
    return meta, tensors

if __name__ == "__main__":
    meta, tensors = read(sys.argv[1])
    print("metadata:", json.dumps(meta))
    # the architecture, one layer a line (Dense, Conv2D, MaxPool2D, BatchNorm, Unflatten, ...)
    for i, layer in enumerate(json.loads(meta.get("architecture", "[]"))):
        config = ", ".join("%s=%s" % kv for kv in sorted(layer.get("config", {}).items()))
        print("layer %d: %s(%s)" % (i, layer["type"], config))
    for name, a in tensors.items():
        first = float(a.reshape(-1)[0]) if a.size else float("nan")
        print(name, list(a.shape), "sum=%.17g" % float(a.astype(np.float64).sum()), "first=%.9g" % first)
    if len(sys.argv) > 3 and sys.argv[2] == "--dump":
        np.savez(sys.argv[3], **tensors)
