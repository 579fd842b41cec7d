"""Train the domain recogniser from the committed data and ship it in ``resources/model``.

    .venv/bin/python training/train.py [--work DIR]        (what ``make train`` runs)
    .venv/bin/python training/train.py --config C --data D --ship DIR    (an experiment)

1. ``training/data/{train,dev}.jsonl`` become spaCy DocBins, tokenised by Threadline's own
   tokenizer (a span that does not fall on its token boundaries is dropped and counted);
2. ``spacy train training/config.cfg`` trains the ``ner`` (6,000 steps: 33 minutes on the
   2-core machine, measured with other work running beside it);
3. the best model is written to ``resources/model/domain_ner`` with the digest of the data
   and config it was built from (:func:`training_digest`) in its ``meta.json``, which a test
   compares with the committed files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

MODEL_DIR = ROOT / "resources" / "model" / "domain_ner"
INPUTS = ("config.cfg", "data/train.jsonl", "data/dev.jsonl")


def training_digest(root: Path = HERE) -> str:
    """SHA-256 over the config and the training data, as committed (line ends normalised)."""
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update(name.encode() + b"\0")
        digest.update((root / name).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def to_docbin(source: Path, target: Path) -> tuple[int, int]:
    """Write ``source`` (JSONL examples) as a DocBin; returns (examples, dropped spans)."""
    import spacy
    from spacy.tokens import DocBin

    from graph.nlp.pipeline import extend_tokenizer

    nlp = spacy.blank("en")
    extend_tokenizer(nlp)
    docs, dropped = [], 0
    for line in source.read_text(encoding="utf-8").splitlines():
        example = json.loads(line)
        doc = nlp.make_doc(example["text"])
        spans = [doc.char_span(s, e, label=label) for s, e, label in example["spans"]]
        missing = [doc.char_span(s, e, alignment_mode="expand") for s, e in example["missing"]]
        dropped += sum(span is None for span in spans)
        doc.set_ents([s for s in spans if s is not None],
                     missing=[m for m in missing if m is not None], default="outside")
        docs.append(doc)
    DocBin(docs=docs).to_disk(target)
    return len(docs), dropped


def forget_training_paths(config_path: Path) -> None:
    """The shipped config names no file of the machine it was trained on, and no callback
    that only ``train.py`` registers (the model loads without them)."""
    from spacy.util import load_config

    config = load_config(config_path, interpolate=False)
    config["paths"]["train"] = config["paths"]["dev"] = None
    config["initialize"]["after_init"] = None
    config.to_disk(config_path)


def keep_labels_only(model: Path) -> None:
    """The shipped vocabulary holds the recogniser's labels only: the words it saw in
    training are read as hashes at run time (its embeddings), and the pipeline it is sourced
    into has its own vocabulary (measured: the same GraphML on the seeds and the held-out
    READMEs; 260 kB less in a bundle at its size budget)."""
    labels = json.loads((model / "meta.json").read_text(encoding="utf-8"))["labels"]["ner"]
    (model / "vocab" / "strings.json").write_text(json.dumps(sorted(labels)), encoding="utf-8")


def register_callbacks() -> None:
    """``threadline.small_model_tok2vec.v1``: an ``[initialize] after_init`` callback that
    starts the ner's own tok2vec from the weights of en_core_web_sm's (same architecture,
    trained on OntoNotes), instead of random ones; training then fine-tunes the copy."""
    import spacy
    from spacy.util import registry

    @registry.callbacks("threadline.small_model_tok2vec.v1")
    def small_model_tok2vec():
        def copy_weights(nlp):
            from graph.nlp.pipeline import installed_model

            found = installed_model()
            if found is None:
                raise SystemExit("training needs the small English model (make setup)")
            source = spacy.load(found[0], exclude=["tagger", "parser", "lemmatizer", "ner",
                                                   "attribute_ruler", "senter"])
            weights = source.get_pipe("tok2vec").model.to_bytes()
            nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0].from_bytes(weights)
            print(f"ner tok2vec initialised from {found[0]}'s")
            return nlp
        return copy_weights


def main() -> int:
    from spacy.cli.train import train

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default=str(ROOT / "build" / "training"))
    parser.add_argument("--config", default=str(HERE / "config.cfg"),
                        help="another config (experiments; the digest names config.cfg)")
    parser.add_argument("--data", default=str(HERE / "data"),
                        help="other training data (experiments; the digest names data/)")
    parser.add_argument("--ship", default=str(MODEL_DIR), help="where the model goes")
    args = parser.parse_args()
    experiment = (Path(args.config).resolve() != HERE / "config.cfg"
                  or Path(args.data).resolve() != HERE / "data")
    if experiment and Path(args.ship).resolve() == MODEL_DIR:
        parser.error("an experiment's model goes elsewhere (--ship): the shipped one records "
                     "the digest of config.cfg and data/")
    register_callbacks()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        count, dropped = to_docbin(Path(args.data) / f"{split}.jsonl", work / f"{split}.spacy")
        print(f"{split}: {count} examples, {dropped} spans off token boundaries dropped")
    started = time.perf_counter()
    corpora = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
    train(Path(args.config), work / "out", use_gpu=-1, overrides=corpora)
    minutes = (time.perf_counter() - started) / 60
    best = work / "out" / "model-best"
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    meta.update({"name": "threadline_domain_ner", "version": "1.0.0",
                 "description": "Threadline's domain recogniser (MODEL, ORG, PROJECT, METHOD, "
                                "DATASET), trained by training/train.py",
                 "threadline_training": {"digest": training_digest(),
                                         "minutes": round(minutes, 1)}})
    (best / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    forget_training_paths(best / "config.cfg")
    keep_labels_only(best)
    ship = Path(args.ship).resolve()
    shutil.rmtree(ship, ignore_errors=True)
    shutil.copytree(best, ship)
    print(f"trained in {minutes:.1f} min; shipped in {ship}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
