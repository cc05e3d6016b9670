"""Tiny Llama models with scaled rotary embeddings and their float64 reference outputs, in numpy alone.

transformers is not needed: the forward pass is written out from transformers' Llama modeling code and the
rope-scaling rules of its `modeling_rope_utils` (`linear`: inverse frequencies / factor; `llama3`: long
wavelengths / factor, short ones kept, the band between interpolated). Run:
    python make_rope_scaling_fixtures.py engine-ejb/src/test/resources/hf-numpy
Each folder gets config.json, generation_config.json, model.safetensors (F32), tokenizer.json (copied from
hf-parity/tiny-qwen2) and expected.json: logits at every position for two inputs and 16 greedy tokens, plus
`unscaled_max_diff`, how far the logits move if the scaling were ignored (the fixture must tell them apart).
"""
import json
import math
import os
import shutil
import struct
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else "hf-numpy"
HERE = os.path.dirname(os.path.abspath(__file__))
TOKENIZER = os.path.join(HERE, "..", "resources", "hf-parity", "tiny-qwen2", "tokenizer.json")
SHAPE = dict(vocab_size=300, hidden_size=64, intermediate_size=160, num_hidden_layers=2, num_attention_heads=4,
             num_key_value_heads=2, rms_norm_eps=1e-5, rope_theta=10000.0, max_position_embeddings=131072)
# head_dim 16, theta 1e4: wavelengths 6.3 ... 19,869; with an original context of 256 (low 1, high 4) the
# eight frequencies fall in all three llama3 bands: kept (< 64), interpolated (64..256), divided (> 256).
CASES = [
    ("llama3-rope-scaling", dict(rope_scaling=dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0,
                                                   high_freq_factor=4.0, original_max_position_embeddings=256))),
    # transformers 5 spelling: rope_parameters holds theta and the scaling
    ("llama-linear-rope", dict(rope_parameters=dict(rope_type="linear", factor=4.0, rope_theta=10000.0))),
]
INPUTS = [[256, 72, 101, 108, 108, 111, 33] + list(range(40, 80)),
          [257, 117, 115, 101, 114, 10, 50, 43, 50, 61, 63, 258, 10] * 3]


def inverse_frequencies(cfg, scaled=True):
    head_dim = cfg["hidden_size"] // cfg["num_attention_heads"]
    scaling = cfg.get("rope_scaling") or cfg.get("rope_parameters") or {}
    theta = cfg.get("rope_theta", scaling.get("rope_theta", 10000.0))
    inv = 1.0 / theta ** (np.arange(0, head_dim, 2, dtype=np.float64) / head_dim)
    kind = scaling.get("rope_type", scaling.get("type", "default"))
    if not scaled or kind == "default":
        return inv
    if kind == "linear":
        return inv / scaling["factor"]
    if kind == "llama3":
        factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        wavelen = 2 * math.pi / inv
        out = np.where(wavelen > old / low, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * out / factor + smooth * out
        medium = (wavelen >= old / high) & (wavelen <= old / low)
        return np.where(medium, smoothed, out)
    raise ValueError(kind)


def rms_norm(x, w, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * w


def rotate(x, cos, sin):
    half = x.shape[-1] // 2
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return x * cos + rotated * sin


def forward(cfg, w, ids, scaled=True):
    d, heads, kv = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
    hd = d // heads
    t = len(ids)
    freqs = np.outer(np.arange(t, dtype=np.float64), inverse_frequencies(cfg, scaled))
    angles = np.concatenate([freqs, freqs], axis=-1)
    cos, sin = np.cos(angles)[None], np.sin(angles)[None]                 # (1, T, hd)
    mask = np.triu(np.full((t, t), -np.inf), 1)
    x = w["model.embed_tokens.weight"][ids]
    for l in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{l}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], cfg["rms_norm_eps"])
        q = (h @ w[p + "self_attn.q_proj.weight"].T).reshape(t, heads, hd).transpose(1, 0, 2)
        k = (h @ w[p + "self_attn.k_proj.weight"].T).reshape(t, kv, hd).transpose(1, 0, 2)
        v = (h @ w[p + "self_attn.v_proj.weight"].T).reshape(t, kv, hd).transpose(1, 0, 2)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        k, v = np.repeat(k, heads // kv, axis=0), np.repeat(v, heads // kv, axis=0)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(hd) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attn = (scores / scores.sum(-1, keepdims=True)) @ v                 # (H, T, hd)
        x = x + attn.transpose(1, 0, 2).reshape(t, d) @ w[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], cfg["rms_norm_eps"])
        gate = h @ w[p + "mlp.gate_proj.weight"].T
        x = x + ((gate / (1 + np.exp(-gate))) * (h @ w[p + "mlp.up_proj.weight"].T)) @ w[p + "mlp.down_proj.weight"].T
    return rms_norm(x, w["model.norm.weight"], cfg["rms_norm_eps"]) @ w["lm_head.weight"].T


def weights(cfg, rng):
    d, ff, v = cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"]
    kv_out = cfg["num_key_value_heads"] * d // cfg["num_attention_heads"]
    shapes = {"model.embed_tokens.weight": (v, d), "model.norm.weight": (d,), "lm_head.weight": (v, d)}
    for l in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{l}."
        shapes.update({p + "input_layernorm.weight": (d,), p + "post_attention_layernorm.weight": (d,),
                       p + "self_attn.q_proj.weight": (d, d), p + "self_attn.k_proj.weight": (kv_out, d),
                       p + "self_attn.v_proj.weight": (kv_out, d), p + "self_attn.o_proj.weight": (d, d),
                       p + "mlp.gate_proj.weight": (ff, d), p + "mlp.up_proj.weight": (ff, d),
                       p + "mlp.down_proj.weight": (d, ff)})
    out = {}
    for name in sorted(shapes):
        values = rng.normal(0.0, 0.08, shapes[name])
        if name.endswith("norm.weight"):
            values = 1.0 + values
        out[name] = values.astype(np.float32).astype(np.float64)        # the saved F32 values are the model
    return out


def save_safetensors(path, w):
    header, offset = {}, 0
    for name in sorted(w):
        n = w[name].size * 4
        header[name] = {"dtype": "F32", "shape": list(w[name].shape), "data_offsets": [offset, offset + n]}
        offset += n
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)) + raw)
        for name in sorted(w):
            f.write(w[name].astype("<f4").tobytes())


def check_forward_against_transformers():
    """The forward written here against transformers' own output for a default-rope Llama (hf-transformers)."""
    folder = os.path.join(HERE, "..", "resources", "hf-transformers", "llama-f16-untied")
    with open(os.path.join(folder, "model.safetensors"), "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header, base, w = json.loads(raw[8:8 + n]), 8 + n, {}
    for name, t in header.items():
        if name != "__metadata__":
            a, b = t["data_offsets"]
            dtype = {"F16": "<f2", "F32": "<f4"}[t["dtype"]]
            w[name] = np.frombuffer(raw[base + a:base + b], dtype=dtype).astype(np.float64).reshape(t["shape"])
    with open(os.path.join(folder, "config.json")) as f:
        cfg = json.load(f)
    with open(os.path.join(folder, "expected.json")) as f:
        expected = json.load(f)
    worst = max(float(np.abs(forward(cfg, w, c["input_ids"]) - np.array(c["logits"])).max()) for c in expected["cases"])
    print("forward vs transformers (llama-f16-untied): max |logit diff|", worst)
    assert worst < 1e-6, worst


def main():
    check_forward_against_transformers()
    rng = np.random.default_rng(20261130)
    for name, scaling in CASES:
        folder = os.path.join(OUT, name)
        os.makedirs(folder, exist_ok=True)
        cfg = dict(architectures=["LlamaForCausalLM"], model_type="llama", hidden_act="silu", bos_token_id=256,
                   eos_token_id=256, tie_word_embeddings=False, attention_bias=False, mlp_bias=False,
                   torch_dtype="float32", **SHAPE, **scaling)
        if "rope_parameters" in scaling:
            del cfg["rope_theta"]
        w = weights(cfg, rng)
        save_safetensors(os.path.join(folder, "model.safetensors"), w)
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(cfg, f, indent=1)
        with open(os.path.join(folder, "generation_config.json"), "w") as f:
            json.dump({"bos_token_id": 256, "eos_token_id": 256}, f, indent=1)
        shutil.copy(TOKENIZER, os.path.join(folder, "tokenizer.json"))
        cases, moved = [], 0.0
        for ids in INPUTS:
            logits = forward(cfg, w, ids)
            moved = max(moved, float(np.abs(logits - forward(cfg, w, ids, scaled=False)).max()))
            seq = list(ids)
            for _ in range(16):
                seq.append(int(np.argmax(forward(cfg, w, seq)[-1])))
            cases.append({"input_ids": ids, "logits": logits.tolist(), "greedy_16": seq[len(ids):]})
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump({"model": name, "note": "float64 numpy reference; logits[t] predicts token t+1",
                       "numpy": np.__version__, "unscaled_max_diff": moved, "cases": cases}, f)
        print(name, "logits move by", round(moved, 4), "without the scaling")


if __name__ == "__main__":
    main()
