"""Builds tiny random causal LMs with Hugging Face transformers itself and records their outputs.

The output is an external oracle for the Java engine (issue: engine). Run once on a machine with torch +
transformers (the GPU machine), e.g.  python make_hf_fixtures.py OUT_DIR ; commit OUT_DIR's folders under
engine-ejb/src/test/resources/hf-transformers/. For every model folder it writes config.json,
generation_config.json, model.safetensors (or shards + index) and expected.json with:
  input_ids, logits (float64 forward of the saved weights, every position, full vocabulary),
  greedy_16 (16 greedy tokens, no stop token, recomputed in float64 at each step), library versions.
"""
import json
import os
import sys

import torch
import transformers
from transformers import AutoConfig, AutoModelForCausalLM

OUT = sys.argv[1] if len(sys.argv) > 1 else "hf-fixtures"
BASE = dict(vocab_size=300, max_position_embeddings=512, bos_token_id=256, eos_token_id=256,
            hidden_act="silu", attention_dropout=0.0, use_cache=True)
CASES = [
    # name, model_type, extra config, save dtype, max shard size
    ("qwen2-f32-tied", "qwen2", dict(hidden_size=64, intermediate_size=176, num_hidden_layers=2,
                                     num_attention_heads=4, num_key_value_heads=2, rms_norm_eps=1e-6,
                                     rope_theta=1e6, tie_word_embeddings=True), torch.float32, None),
    ("qwen2-bf16-sharded", "qwen2", dict(hidden_size=64, intermediate_size=128, num_hidden_layers=3,
                                         num_attention_heads=8, num_key_value_heads=1, rms_norm_eps=1e-6,
                                         rope_theta=10000.0, tie_word_embeddings=False), torch.bfloat16, "60KB"),
    ("llama-f16-untied", "llama", dict(hidden_size=48, intermediate_size=128, num_hidden_layers=2,
                                       num_attention_heads=6, num_key_value_heads=3, rms_norm_eps=1e-5,
                                       rope_theta=10000.0, tie_word_embeddings=False), torch.float16, None),
    ("qwen3-headdim-1kv", "qwen3", dict(hidden_size=64, intermediate_size=160, num_hidden_layers=2,
                                        num_attention_heads=4, num_key_value_heads=1, head_dim=24,
                                        rms_norm_eps=1e-6, rope_theta=1e6, tie_word_embeddings=True),
     torch.bfloat16, None),
]
INPUTS = [[256, 72, 101, 108, 108, 111, 33], [257, 117, 115, 101, 114, 10, 50, 43, 50, 61, 63, 258, 10]]


def greedy(model, ids, n):
    seq = list(ids)
    for _ in range(n):
        with torch.no_grad():
            logits = model(torch.tensor([seq])).logits[0, -1]
        seq.append(int(torch.argmax(logits)))
    return seq[len(ids):]


def main():
    os.makedirs(OUT, exist_ok=True)
    report = {"torch": torch.__version__, "transformers": transformers.__version__, "models": {}}
    for name, model_type, extra, dtype, shard in CASES:
        try:
            torch.manual_seed(1234)
            config = AutoConfig.for_model(model_type, **BASE, **extra)
            model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.float32)
            # random weights with a visible scale, biases included (qwen2 has q/k/v biases)
            with torch.no_grad():
                for p in model.parameters():
                    p.normal_(0.0, 0.08)
            folder = os.path.join(OUT, name)
            model.to(dtype).save_pretrained(folder, safe_serialization=True,
                                            **({"max_shard_size": shard} if shard else {}))
            with open(os.path.join(folder, "generation_config.json"), "w") as f:
                json.dump({"bos_token_id": 256, "eos_token_id": [256, 258], "do_sample": False}, f, indent=1)
            # the reference: the saved (rounded) weights, computed in float64
            ref = AutoModelForCausalLM.from_pretrained(folder, torch_dtype=torch.float64, attn_implementation="eager")
            ref.eval()
            cases = []
            for ids in INPUTS:
                with torch.no_grad():
                    logits = ref(torch.tensor([ids])).logits[0]
                cases.append({"input_ids": ids, "logits": [[round(float(v), 7) for v in row] for row in logits],
                              "greedy_16": greedy(ref, ids, 16)})
            expected = {"model": name, "note": f"transformers {transformers.__version__} float64 forward of the "
                        f"saved weights ({dtype}); logits[t] predicts token t+1", "cases": cases}
            with open(os.path.join(folder, "expected.json"), "w") as f:
                json.dump(expected, f)
            report["models"][name] = {"ok": True, "files": sorted(os.listdir(folder))}
        except Exception as e:  # keep going: one unsupported family must not lose the others
            report["models"][name] = {"ok": False, "error": repr(e)}
    with open(os.path.join(OUT, "REPORT.json"), "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
