#!/usr/bin/env python3
"""Reference outputs of Loupe's text bundles, computed outside Loupe: Hugging Face `tokenizers`
(truncation at the bundle's max_seq_length, as sentence-transformers sets it), `onnxruntime` on the
same model.onnx, and the pooling its 1_Pooling/config.json prescribes (mean over the attention mask,
or the [CLS] state), L2-normalised as sentence-transformers' Normalize module does. One text per
run, unpadded, so that padding cannot hide a difference.

Recorded with onnxruntime 1.32.0, tokenizers 0.23.3, numpy 2.4.6 (PyPI) on bundles installed by
deploy/models/fetch-text-model.sh:

    python3 -m venv /tmp/golden && /tmp/golden/bin/pip install onnxruntime==1.32.0 tokenizers==0.23.3 numpy==2.4.6
    for m in all-minilm-l6-v2 bge-small-en-v1.5 bge-small-zh-v1.5; do
      deploy/models/fetch-text-model.sh --dest /tmp/text-models "$m"; done
    /tmp/golden/bin/python libs/encoders/src/test/python/text_goldens.py /tmp/text-models \\
        libs/encoders/src/test/resources/golden/text
"""
import json
import pathlib
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

MODELS = ["all-minilm-l6-v2", "bge-small-en-v1.5", "bge-small-zh-v1.5"]

LONG_ENGLISH = " ".join(["The quick brown fox jumps over the lazy dog near the riverbank at dawn."] * 60)
LONG_CHINESE = "已知二次函数的图像经过三个点，求这个函数的解析式并判断它的开口方向和顶点坐标。" * 20

TEXTS = [
    ("english", "How do I reset my password?"),
    ("english-sentence", "A man is playing a guitar on stage."),
    ("chinese", "以文搜图：用一句话找到相似的照片"),
    ("chinese-question", "二次函数 y = x² + 2x + 1 的顶点坐标是多少？"),
    ("mixed", "Loupe 支持中文和 English 混合查询，比如 CLIP 模型"),
    ("emoji", "Great job! 🎉🚀 Let's ship it 👍"),
    ("full-width", "ＦＵＬＬ－ＷＩＤＴＨ　ｔｅｘｔ　１２３，全角标点！"),
    ("accents", "Café naïve résumé — déjà vu"),
    ("bge-query-en", "Represent this sentence for searching relevant passages: how to solve quadratic equations"),
    ("bge-query-zh", "为这个句子生成表示以用于检索相关文章：如何解一元二次方程"),
    ("long-english", LONG_ENGLISH),
    ("long-chinese", LONG_CHINESE),
]


def reference(bundle: pathlib.Path):
    max_seq_length = json.loads((bundle / "sentence_bert_config.json").read_text())["max_seq_length"]
    pooling_config = json.loads((bundle / "1_Pooling" / "config.json").read_text())
    pooling = "cls" if pooling_config.get("pooling_mode_cls_token") else "mean"
    tokenizer = Tokenizer.from_file(str(bundle / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_seq_length)
    session = ort.InferenceSession(str(bundle / "model.onnx"), providers=["CPUExecutionProvider"])
    inputs = {i.name for i in session.get_inputs()}
    # the token states: last_hidden_state, or the first rank-3 output (MiniLM's output_0)
    outputs = [o.name for o in session.get_outputs()]
    states_output = "last_hidden_state" if "last_hidden_state" in outputs else \
        sorted(o.name for o in session.get_outputs() if len(o.shape) == 3)[0]
    records = []
    for name, text in TEXTS:
        encoding = tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        mask = np.array([encoding.attention_mask], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        states = session.run([states_output], feed)[0][0].astype(np.float64)
        if pooling == "cls":
            vector = states[0]
        else:
            vector = (states * mask[0][:, None]).sum(axis=0) / mask[0].sum()
        vector = vector / np.linalg.norm(vector)
        records.append({
            "name": name,
            "text": text,
            "ids": encoding.ids,
            "embedding": [round(float(v), 7) for v in vector],
        })
    return {"model": bundle.name, "pooling": pooling, "max_seq_length": max_seq_length,
            "dimensions": len(records[0]["embedding"]), "texts": records}


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    models, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for model in MODELS:
        golden = reference(models / model)
        (out / f"{model}.json").write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n")
        lengths = [len(t["ids"]) for t in golden["texts"]]
        print(f"{model}: {golden['dimensions']}-d, {golden['pooling']} pooling, token counts {lengths}")


if __name__ == "__main__":
    main()
