"""The ``threadline`` command: the window by default, ``extract`` and ``evaluate`` headless.

Headless commands never import Qt, so they run on servers and start fast. Exit codes:
0 success, 1 the work failed (nothing readable, a write failed), 2 bad usage (missing path,
unknown format, unwritable output), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from graph import __version__, messages
from graph.errors import ExportError
from graph.store.formats import FORMATS, export, format_for
from graph.store.graphml import read_graphml
from graph.store.tables import csv_paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
SUBCOMMANDS = ("extract", "evaluate")


class UsageError(Exception):
    """Bad command-line usage; the message is printed without a traceback."""


def _ensure_streams() -> None:
    # A windowed (no console) build has no stdout/stderr; printing must not crash it.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115


def version_text() -> str:
    import spacy

    from graph.nlp.pipeline import RULES_ONLY, installed_model

    found = installed_model(os.environ.get("THREADLINE_MODEL"))
    pipeline = f"{found[0]} {found[1]}" if found else f"{RULES_ONLY} (no statistical model found)"
    return f"threadline {__version__} (spaCy {spacy.__version__}, pipeline {pipeline})"


# -- parsers -----------------------------------------------------------------------------------
class VersionAction(argparse.Action):
    """``--version``: computed only when asked (finding the model imports spaCy, ~1 s)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="print the version and the spaCy pipeline in use, then exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(version_text())
        parser.exit()


def gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="threadline",
        description="Threadline: browse the knowledge graph of a folder of documents.",
        epilog="Headless commands: 'threadline extract --help', 'threadline evaluate --help'.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="folders, documents or an exported .graphml to open "
                        "(default: the bundled seed corpus)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline package to use")
    p.add_argument("--no-cache", action="store_true", help="re-extract even if cached")
    p.add_argument("--self-test", action="store_true",
                   help="load the model, build the window offscreen, exercise it, exit")
    p.add_argument("--version", action=VersionAction)
    return p


def extract_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="threadline extract",
        description="Extract the knowledge graph of documents and write it to a file.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files and folders (recursive)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument("--format", choices=sorted(FORMATS), metavar="FORMAT",
                   help="graphml, gexf, json or csv (default: from the file suffix, else graphml)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline package to use")
    p.add_argument("--no-cache", action="store_true", help="ignore the extraction cache")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    return p


def evaluate_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="threadline evaluate",
        description="Score extracted entities against gold annotations (JSONL, see README).")
    p.add_argument("source", metavar="DOCS_OR_GRAPH",
                   help="a folder/file of documents to extract, or an exported .graphml")
    p.add_argument("--gold", required=True, metavar="GOLD.jsonl", help="gold annotations")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline package to use")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--min-f1", type=float, metavar="F", help="exit 1 when overall F1 is lower")
    return p


# -- extract -----------------------------------------------------------------------------------
def _check_output(path: str, fmt: str | None) -> str:
    fmt = format_for(path, fmt)
    targets = csv_paths(path) if fmt == "csv" else (Path(path),)
    for target in targets:
        folder = target.parent if str(target.parent) else Path(".")
        if target.is_dir():
            raise UsageError(messages.CANNOT_WRITE.format(path=target, error="it is a folder"))
        if not folder.is_dir():
            raise UsageError(messages.CANNOT_WRITE.format(path=target,
                                                          error="the folder does not exist"))
        if not os.access(folder, os.W_OK):
            raise UsageError(messages.CANNOT_WRITE.format(path=target, error="permission denied"))
    return fmt


def run_extraction(paths: list[str], model: str | None, use_cache: bool, quiet: bool):
    """Extract with a progress bar on stderr; returns the :class:`graph.build.Extraction`."""
    from tqdm import tqdm

    from graph.build.jobs import open_corpus_job
    from graph.jobs import run_job

    bar = tqdm(total=0, unit="doc", disable=quiet or None, file=sys.stderr, leave=False,
               dynamic_ncols=True)

    def on_progress(p) -> None:
        if bar.total != p.total:
            bar.reset(total=p.total)
        bar.n = p.done
        bar.set_description_str(p.message[:40])
        bar.refresh()

    try:
        return run_job(open_corpus_job(paths, model, use_cache=use_cache), on_progress)
    finally:
        bar.close()


def summary(extraction) -> str:
    """What was read, skipped and found: printed after every extraction."""
    corpus, g = extraction.corpus, extraction.graph
    lines = [f"Documents: {len(corpus.documents)} read, {len(corpus.skipped)} skipped"
             + (" (from cache)" if extraction.from_cache else "")]
    lines += [f"  skipped {s.path}: {s.reason}" for s in corpus.skipped]
    lines += [f"  warning: {w}" for w in extraction.warnings]
    types = Counter(t for _, t in g.nodes(data="type"))
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(types.items(), key=lambda x: (-x[1], x[0])))
    lines.append(f"Entities: {g.number_of_nodes()} ({by_type or 'none'})")
    methods = Counter(m for _, _, m in g.edges(data="method"))
    lines.append(f"Edges: {g.number_of_edges()} ({methods.get('dependency', 0)} typed relations, "
                 f"{methods.get('cooccurrence', 0)} co-occurrences)")
    pipeline = g.graph.get("pipeline", "?")
    lines.append(f"Pipeline: {pipeline} {g.graph.get('pipeline_version', '')}".rstrip())
    return "\n".join(lines)


def cmd_extract(argv: list[str]) -> int:
    args = extract_parser().parse_args(argv)
    fmt = _check_output(args.output, args.format)
    extraction = run_extraction(args.paths, args.model, not args.no_cache, args.quiet)
    written = export(extraction.graph, args.output, fmt)
    print(summary(extraction))
    print("Wrote " + ", ".join(str(p) for p in written))
    return EXIT_OK


# -- evaluate ----------------------------------------------------------------------------------
def cmd_evaluate(argv: list[str]) -> int:
    from graph.build.evaluate import format_report, load_gold, score_graph

    args = evaluate_parser().parse_args(argv)
    gold = load_gold(args.gold)
    source = Path(args.source)
    if source.suffix.lower() in (".graphml", ".xml") and source.is_file():
        g = read_graphml(source)
    else:
        g = run_extraction([args.source], args.model, use_cache=True, quiet=args.json).graph
    result = score_graph(g, gold)
    if args.json:
        import json

        print(json.dumps(result.as_dict(), indent=2))
    else:
        print(format_report(result))
    return EXIT_FAILED if args.min_f1 is not None and result.overall.f1 < args.min_f1 else EXIT_OK


# -- entry point -------------------------------------------------------------------------------
def cmd_gui(argv: list[str]) -> int:
    args = gui_parser().parse_args(argv)
    for path in args.paths:
        if not Path(path).exists():
            raise UsageError(messages.PATH_MISSING.format(path=path))
    if args.self_test:
        from app.selftest import self_test

        return self_test()
    from app.main_window import run_gui

    return run_gui(args.paths, model=args.model, use_cache=not args.no_cache)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``threadline`` console script."""
    _ensure_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    from graph.errors import CorpusError, GoldError, ModelNotFound, PathMissing

    try:
        if argv and argv[0] == "extract":
            return cmd_extract(argv[1:])
        if argv and argv[0] == "evaluate":
            return cmd_evaluate(argv[1:])
        return cmd_gui(argv)
    except (UsageError, ModelNotFound, PathMissing) as exc:
        print(f"threadline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CorpusError as exc:
        print(f"threadline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (ExportError, GoldError) as exc:
        print(f"threadline: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("threadline: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``threadline extract ... | head``): not an error to report.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep the interpreter's flush quiet
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
