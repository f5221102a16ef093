"""STRNN in PyTorch, written from spec/strnn-model.md, as the baseline of `npm run bench`.

It loads strnn's checkpoint format (a directory with model.json + weights.bin, see README
"Checkpoint format") and is meant to be as fast as a careful PyTorch user would make it on a CPU:

* the four spatial directions run together: per wavefront (nodes at equal distance from each
  direction's corner, padded to the largest of the four) the predecessor sums as batched 0/1
  adjacency products with the previous two wavefronts, one batched matmul with the four W, one tanh;
  every slice of every sample is in the same matmul;
* time slices are folded into the batch for everything but the temporal recurrence, and the two
  temporal directions run together (one batched matmul per step, the backward one on reversed time);
* projections and the classifier are one (batched) matmul each; no Python loop over nodes or samples;
* inference under torch.inference_mode(); BLAS and intra-op threads are set by the caller's flags.

Padding slots (a direction whose wavefront has fewer nodes than the widest of the four) compute a
value that nothing reads: they are nobody's predecessor and their projection row is zero.

Run: /usr/bin/python3 bench/pytorch/strnn_torch.py <command> [flags]; every command prints one JSON
object on the last line of stdout (see main()).
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

DIRECTIONS = ("tl", "tr", "bl", "br")
# Row and column steps towards each direction's origin corner (spec table "four directed sweeps").
TOWARDS_ORIGIN = {"tl": (-1, -1), "tr": (-1, 1), "bl": (1, -1), "br": (1, 1)}


def read_checkpoint(ckpt_dir):
    """Returns (manifest, {name: float32 array}) from a strnn checkpoint directory."""
    with open(os.path.join(ckpt_dir, "model.json"), encoding="utf8") as f:
        manifest = json.load(f)
    if manifest.get("format") != "strnn-checkpoint" or manifest.get("version") != 1:
        raise SystemExit(f"{ckpt_dir}: not a version 1 strnn checkpoint")
    raw = np.fromfile(os.path.join(ckpt_dir, manifest["weights"]["file"]), dtype="<f4")
    weights = {}
    for p in manifest["parameters"]:
        start = p["byteOffset"] // 4
        size = int(np.prod(p["shape"]))
        weights[p["name"]] = raw[start:start + size].reshape(p["shape"]).copy()
    return manifest, weights


def build_wavefronts(montage):
    """For each direction, the nodes of every wavefront and every node's predecessors (spec P_r(v)).

    Returns (levels, preds): levels[r][w] = node indices (ascending) at the w-th occupied distance from
    r's corner; preds[r][v] = predecessor node indices of v.
    """
    rows, cols = montage["rows"], montage["cols"]
    nodes = montage["nodes"]
    cell = {(n["row"], n["col"]): v for v, n in enumerate(nodes)}
    levels, preds = [], []
    for r in DIRECTIONS:
        di, dj = TOWARDS_ORIGIN[r]
        dist = [(n["row"] if di < 0 else rows - 1 - n["row"]) + (n["col"] if dj < 0 else cols - 1 - n["col"]) for n in nodes]
        distinct = sorted(set(dist))
        levels.append([[v for v in range(len(nodes)) if dist[v] == d] for d in distinct])
        pr = []
        for n in nodes:
            i, j = n["row"], n["col"]
            cand = [(i, j + dj), (i + di, j + dj), (i + di, j)]
            pr.append([cell[c] for c in cand if c in cell])
        preds.append(pr)
    return levels, preds


class Plan:
    """Index tensors of the direction-batched wavefront schedule (built once per montage)."""

    def __init__(self, montage):
        levels, preds = build_wavefronts(montage)
        n_nodes = len(montage["nodes"])
        n_levels = max(len(lv) for lv in levels)
        widths = [max(len(levels[r][w]) if w < len(levels[r]) else 0 for r in range(4)) for w in range(n_levels)]
        starts = [0]
        for width in widths:
            starts.append(starts[-1] + width)
        total = starts[-1]
        # slot[r][v] = (level, index inside the level) of node v in direction r.
        slot = [dict() for _ in range(4)]
        node_idx = np.zeros((4, total), dtype=np.int64)  # node of each slot (padding: node 0, never read)
        g_idx = np.full((4, total), 4 * n_nodes, dtype=np.int64)  # row of the stacked G (padding: a zero row)
        for r in range(4):
            for w, lv in enumerate(levels[r]):
                for i, v in enumerate(lv):
                    slot[r][v] = (w, i)
                    node_idx[r, starts[w] + i] = v
                    g_idx[r, starts[w] + i] = r * n_nodes + v
        # Predecessor sums per wavefront w: every predecessor lies in one of the two previous wavefronts
        # (distances from the corner differ by 1 or 2), so each is a 0/1 matrix per previous wavefront:
        # pred_matrix[w] = [(p, 4 x width_w x width_p)], nonzero matrices only.
        self.pred_matrix = []
        for w in range(n_levels):
            prev = [x for x in (w - 2, w - 1) if x >= 0]
            adj = {x: np.zeros((4, widths[w], widths[x]), dtype=np.float32) for x in prev}
            for r in range(4):
                for i, v in enumerate(levels[r][w] if w < len(levels[r]) else []):
                    for p in preds[r][v]:
                        pw, pi = slot[r][p]
                        if pw not in adj:
                            raise SystemExit(f"predecessor of node {v} lies {w - pw} wavefronts back")
                        adj[pw][r, i, pi] += 1
            self.pred_matrix.append([(x, torch.from_numpy(a)) for x, a in adj.items() if a.any()])
        self.widths = widths
        self.total = total
        self.n_nodes = n_nodes
        self.node_index = torch.from_numpy(node_idx.reshape(-1))
        self.g_index = torch.from_numpy(g_idx.reshape(-1))


class StrnnTorch(torch.nn.Module):
    """Parameters are stored stacked over the directions (U: 4 x dS x dIn, R: 2 x dT x 4dSkS, ...)."""

    def __init__(self, manifest, weights):
        super().__init__()
        cfg = manifest["config"]
        self.cfg = cfg
        self.T, self.dIn, self.C = cfg["T"], cfg["dIn"], cfg["C"]
        self.dS, self.kS, self.dT, self.kT = cfg["dS"], cfg["kS"], cfg["dT"], cfg["kT"]
        self.act_s = torch.tanh if cfg["spatialActivation"] == "tanh" else torch.relu
        self.act_t = torch.tanh if cfg["temporalActivation"] == "tanh" else torch.relu
        self.plan = Plan(manifest["montage"])
        self.N = self.plan.n_nodes

        def stack(fmt, dirs):
            return torch.nn.Parameter(torch.from_numpy(np.stack([weights[fmt.format(d)] for d in dirs])))

        self.U = stack("spatial.{}.U", DIRECTIONS)
        self.W = stack("spatial.{}.W", DIRECTIONS)
        self.b = stack("spatial.{}.b", DIRECTIONS)
        self.G = stack("spatial.{}.G", DIRECTIONS)
        self.R = stack("temporal.{}.R", ("fwd", "bwd"))
        self.V = stack("temporal.{}.V", ("fwd", "bwd"))
        self.bt = stack("temporal.{}.b", ("fwd", "bwd"))
        self.H = stack("temporal.{}.H", ("fwd", "bwd"))
        self.P = torch.nn.Parameter(torch.from_numpy(weights["head.P"]))
        self.c = torch.nn.Parameter(torch.from_numpy(weights["head.c"]))

    def named_spec_grads(self):
        """Gradients under the spec's parameter names (for the equivalence check)."""
        out = {}
        for i, d in enumerate(DIRECTIONS):
            for n in ("U", "W", "b", "G"):
                out[f"spatial.{d}.{n}"] = getattr(self, n).grad[i]
        for i, d in enumerate(("fwd", "bwd")):
            out[f"temporal.{d}.R"] = self.R.grad[i]
            out[f"temporal.{d}.V"] = self.V.grad[i]
            out[f"temporal.{d}.b"] = self.bt.grad[i]
            out[f"temporal.{d}.H"] = self.H.grad[i]
        out["head.P"] = self.P.grad
        out["head.c"] = self.c.grad
        return out

    def forward(self, x):
        """x: B x T x N x dIn -> logits B x C."""
        B, T, N, dIn = x.shape
        dS, kS, dT, kT = self.dS, self.kS, self.dT, self.kT
        plan = self.plan
        BT = B * T
        # Node-major input (N, B*T, dIn), gathered into the four directions' wavefront slots.
        xn = x.permute(2, 0, 1, 3).reshape(N, BT * dIn)
        xs = xn.index_select(0, plan.node_index).view(4, plan.total * BT, dIn)
        # Input term and bias of every slot at once: pre = x U_r^T + b_r.
        pre = torch.baddbmm(self.b.unsqueeze(1), xs, self.U.transpose(1, 2)).view(4, plan.total, BT, dS)
        Wt = self.W.transpose(1, 2)
        hs = []
        # split (not slicing per wavefront): its backward is one concatenation, where each slice's
        # backward would write a full-size zero gradient.
        for w, pre_w in enumerate(pre.split(plan.widths, dim=1)):
            width = plan.widths[w]
            if plan.pred_matrix[w]:
                # Sum of predecessor states as 0/1 adjacency products with the (at most two) previous
                # wavefronts. Measured against a gather (cat + index_select + sum): 67 vs 90 ms per
                # SEED-default forward + backward, since the gather's backward is scattered adds.
                hsum = None
                for p, a_mat in plan.pred_matrix[w]:
                    src = hs[p].view(4, plan.widths[p], BT * dS)
                    hsum = torch.bmm(a_mat, src) if hsum is None else torch.baddbmm(hsum, a_mat, src)
                pre_w = torch.baddbmm(pre_w.reshape(4, width * BT, dS), hsum.view(4, width * BT, dS), Wt).view(4, width, BT, dS)
            hs.append(self.act_s(pre_w))
        h = torch.cat(hs, dim=1)  # 4 x slots x BT x dS
        # Spatial projection S[r][t] = H[r][t] G_r, G's rows gathered into slot order (zero rows for padding).
        g_rows = torch.cat([self.G.reshape(4 * N, kS), self.G.new_zeros(1, kS)]).index_select(0, plan.g_index)
        s = torch.bmm(h.view(4, plan.total, BT * dS).transpose(1, 2), g_rows.view(4, plan.total, kS))  # 4 x BT dS x kS
        m = s.view(4, BT, dS * kS).permute(1, 0, 2).reshape(BT, 4 * dS * kS)  # m[t] = concat_r rowmajor(S[r][t])
        # Temporal input terms of both directions: one matmul.
        tpre = torch.addmm(self.bt.reshape(2 * dT), m, self.R.reshape(2 * dT, -1).t()).view(B, T, 2, dT).permute(1, 2, 0, 3)
        seq = torch.stack([tpre[:, 0], tpre[:, 1].flip(0)], dim=1)  # step i: fwd at time i, bwd at time T-1-i
        Vt = self.V.transpose(1, 2)
        steps = seq.unbind(0)
        q = self.act_t(steps[0])
        qs = [q]
        for i in range(1, T):
            q = self.act_t(torch.baddbmm(steps[i], q, Vt))
            qs.append(q)
        Q = torch.stack(qs)  # T x 2 x B x dT, in step order
        Qreal = torch.stack([Q[:, 0], Q[:, 1].flip(0)])  # 2 x T x B x dT, real time
        # Temporal projection Z = Q H per sample, both directions in one batched matmul.
        z = torch.bmm(Qreal.view(2, T, B * dT).transpose(1, 2), self.H)  # 2 x B dT x kT
        z = z.view(2, B, dT * kT).permute(1, 0, 2).reshape(B, 2 * dT * kT)
        return torch.addmm(self.c, z, self.P.t())

    def penalties(self):
        cfg = self.cfg
        value = cfg["lambdaS"] * self.G.abs().sum() + cfg["lambdaT"] * self.H.abs().sum()
        if cfg["lambdaW"] > 0:
            value = value + cfg["lambdaW"] * sum((p * p).sum() for p in (self.U, self.W, self.G, self.R, self.V, self.H, self.P))
        return value

    def objective(self, x, y):
        logits = self.forward(x)
        return F.cross_entropy(logits, y) + self.penalties(), logits


def set_threads(threads, blas_threads):
    torch.set_num_threads(threads)
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=blas_threads, user_api="blas")
    except ImportError:
        pass


def blas_info():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return {"kernel": "unknown (threadpoolctl not installed)"}
    for lib in threadpool_info():
        if lib.get("internal_api") == "openblas":
            return {"kernel": lib.get("architecture"), "version": lib.get("version"), "threads": lib.get("num_threads"),
                    "threading": lib.get("threading_layer"), "file": lib.get("filepath")}
    return {"kernel": "no OpenBLAS loaded"}


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(path):
    return torch.from_numpy(np.load(path))


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def cmd_equiv(a):
    """Probabilities of x, and one training step's loss and gradient (norm and per-name)."""
    manifest, weights = read_checkpoint(a.ckpt)
    model = StrnnTorch(manifest, weights)
    x, y = load(a.x), load(a.y).long()
    with torch.inference_mode():
        probs = torch.softmax(model(x), dim=1)
    xb, yb = x[:a.batch], y[:a.batch]
    loss, _ = model.objective(xb, yb)
    loss.backward()
    grads = model.named_spec_grads()
    norm = float(torch.sqrt(sum((g.double() ** 2).sum() for g in grads.values())))
    return {"probs": probs.reshape(-1).tolist(), "loss": float(loss), "gradNorm": norm,
            "grads": {k: v.reshape(-1).tolist() for k, v in grads.items()}}


def cmd_train_step(a):
    manifest, weights = read_checkpoint(a.ckpt)
    model = StrnnTorch(manifest, weights)
    x, y = load(a.x), load(a.y).long()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, foreach=True)
    pools = x.shape[0] // a.batch
    state = {"step": 0}

    def step():
        first = (state["step"] % pools) * a.batch
        state["step"] += 1
        xb, yb = x[first:first + a.batch], y[first:first + a.batch]
        opt.zero_grad(set_to_none=True)
        loss, _ = model.objective(xb, yb)
        loss.backward()
        opt.step()

    times = timed(step, a.warmup, a.repeats)
    return {"times": times, "peakRssMb": peak_rss_mb()}


def cmd_infer(a):
    manifest, weights = read_checkpoint(a.ckpt)
    model = StrnnTorch(manifest, weights)
    model.eval()
    x = load(a.x)[:a.batch].contiguous()

    def run():
        with torch.inference_mode():
            torch.softmax(model(x), dim=1)

    times = timed(run, a.warmup, a.repeats)
    return {"times": times, "peakRssMb": peak_rss_mb()}


def cmd_train_run(a):
    """Fixed-epoch training of a sample set: shuffled mini-batches, Adam, gradient clipping at 5 (as strnn's trainer)."""
    manifest, weights = read_checkpoint(a.ckpt)
    model = StrnnTorch(manifest, weights)
    t0 = time.perf_counter()
    x, y = load(a.x), load(a.y).long()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, foreach=True)
    gen = torch.Generator().manual_seed(1)
    n = x.shape[0]
    epochs = []
    for _ in range(a.epochs):
        order = torch.randperm(n, generator=gen)
        loss_sum, correct = 0.0, 0
        for first in range(0, n, a.batch):
            idx = order[first:first + a.batch]
            xb, yb = x.index_select(0, idx), y.index_select(0, idx)
            opt.zero_grad(set_to_none=True)
            loss, logits = model.objective(xb, yb)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            # Reported like strnn's trainer: the cross-entropy part only (penalties excluded).
            loss_sum += float(F.cross_entropy(logits.detach(), yb)) * len(idx)
            correct += int((logits.argmax(1) == yb).sum())
        epochs.append({"loss": loss_sum / n, "accuracy": correct / n})
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "epochs": epochs, "peakRssMb": peak_rss_mb()}


def cmd_info(a):
    """Versions, the OpenBLAS kernel, and the measured single-thread matmul peak (a.size^3, float32)."""
    n = a.size
    A = torch.randn(n, n)
    Bm = torch.randn(n, n)
    times = timed(lambda: torch.mm(A, Bm), 1, a.repeats)
    best = min(times)
    return {"torch": torch.__version__, "numpy": np.__version__, "python": sys.version.split()[0], "blas": blas_info(),
            "torchThreads": torch.get_num_threads(), "matmulSize": n, "matmulMs": times,
            "peakGflops": 2 * n ** 3 / (best / 1000) / 1e9,
            "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")}}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("command", choices=["equiv", "train-step", "infer", "train-run", "info"])
    p.add_argument("--ckpt")
    p.add_argument("--x")
    p.add_argument("--y")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    p.add_argument("--blas-threads", type=int, default=1, help="OpenBLAS threads")
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--size", type=int, default=2048)
    a = p.parse_args()
    set_threads(a.threads, a.blas_threads)
    torch.manual_seed(0)
    commands = {"equiv": cmd_equiv, "train-step": cmd_train_step, "infer": cmd_infer, "train-run": cmd_train_run, "info": cmd_info}
    result = commands[a.command](a)
    result["threads"] = torch.get_num_threads()
    result["blasThreads"] = blas_info().get("threads")
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
