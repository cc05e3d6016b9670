"""Cross-checks our LoRA adapter export against PEFT (run where torch + transformers + peft are installed).

Loads engine-ejb/src/test/resources/peft-check/base with transformers, applies our adapter with
PeftModel.from_pretrained, and compares the logits for the recorded input ids with ours.json (written by
dev.lightreasoner.tools.PeftFixture). Also merges with PEFT and compares. Prints and writes REPORT.json.
Usage: python check_peft_adapter.py [fixture-dir]
"""
import json
import sys
from pathlib import Path

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM

root = Path(sys.argv[1] if len(sys.argv) > 1 else "engine-ejb/src/test/resources/peft-check")
ours = json.loads((root / "ours.json").read_text())
ids = torch.tensor([ours["input_ids"]])
expected = torch.tensor(ours["logits"], dtype=torch.float64)

base = AutoModelForCausalLM.from_pretrained(root / "base", torch_dtype=torch.float32)
model = PeftModel.from_pretrained(base, root / "adapter")
model.eval()
with torch.no_grad():
    peft_logits = model(ids).logits[0].double()
    merged = model.merge_and_unload()
    merged_logits = merged(ids).logits[0].double()

report = {
    "torch": torch.__version__,
    "peft_vs_ours_max_abs": (peft_logits - expected).abs().max().item(),
    "peft_merged_vs_ours_max_abs": (merged_logits - expected).abs().max().item(),
    "argmax_equal": bool((peft_logits.argmax(-1) == expected.argmax(-1)).all()),
}
report["pass"] = report["peft_vs_ours_max_abs"] <= 1e-4 and report["peft_merged_vs_ours_max_abs"] <= 1e-4
print(json.dumps(report, indent=2))
(root / "REPORT.json").write_text(json.dumps(report, indent=2) + "\n")
sys.exit(0 if report["pass"] else 1)
