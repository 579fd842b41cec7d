"""The ``threadline`` command: the window by default, ``extract`` and ``evaluate`` headless.

Headless commands never import Qt, so they run on servers and start fast. Exit codes:
0 success, 1 the work failed (nothing readable, a write failed), 2 bad usage (missing path,
unknown format, unwritable output), 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.headless import run_extraction, summary
from graph import __version__, messages
from graph.errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    ExportError,
    PathMissing,
    ThreadlineError,
    UsageError,
)
from graph.paths import seeds_dir
from graph.store.files import export_target, refuse_inputs
from graph.store.formats import FORMATS, export, format_for, is_graph_file
from graph.store.graphml import read_graphml
from graph.store.tables import csv_paths

SUBCOMMANDS = ("extract", "evaluate")


def _ensure_streams() -> None:
    # A windowed (no console) build has no stdout/stderr; printing must not crash it.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")


def no_display() -> bool:
    """Whether the window cannot be shown: Linux without X11, Wayland or a Qt platform set."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def version_text() -> str:
    """``threadline --version``: the program's version, spaCy's and the pipeline in use."""
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
    """Arguments of ``threadline [PATH ...]``, the window."""
    p = argparse.ArgumentParser(
        prog="threadline",
        description="Threadline: browse the knowledge graph of a folder of documents.",
        epilog="Headless commands: 'threadline extract --help', 'threadline evaluate --help'.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="folders, documents or an exported .graphml to open "
                        "(default: the bundled seed corpus)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline package to use")
    p.add_argument("--no-cache", action="store_true",
                   help="extract every document again, even those the workspace holds")
    p.add_argument("--self-test", action="store_true",
                   help="load the model, build the window offscreen, exercise it, exit")
    p.add_argument("--version", action=VersionAction)
    return p


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of processes, 1 or more: {text}")
    return value


def extract_parser() -> argparse.ArgumentParser:
    """Arguments of ``threadline extract``."""
    p = argparse.ArgumentParser(
        prog="threadline extract",
        description="Extract the knowledge graph of documents and write it to a file.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files and folders (recursive)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument("--format", choices=sorted(FORMATS), metavar="FORMAT",
                   help="graphml, gexf, json or csv (default: from the file suffix, else graphml)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline package to use")
    p.add_argument("--workspace", metavar="FILE",
                   help="the workspace file that keeps each document's extraction, so only "
                        "new and changed documents are extracted (default: the folder's own, "
                        "in the user data folder)")
    p.add_argument("--no-cache", action="store_true",
                   help="extract every document again, even those the workspace holds")
    p.add_argument("--jobs", type=_positive, metavar="N",
                   help="extraction processes (default: one per core; 1: this process only)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="extract on the Dask cluster whose scheduler is at ADDRESS "
                        "(tcp://HOST:8786; needs threadline[cluster]) instead of --jobs "
                        "processes here; the results are stored here as in a local run")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    return p


def evaluate_parser() -> argparse.ArgumentParser:
    """Arguments of ``threadline evaluate``."""
    p = argparse.ArgumentParser(
        prog="threadline evaluate",
        description="Score extracted entities (and, with --relations, typed relations) "
                    "against gold annotations (JSONL, see README).")
    p.add_argument("source", metavar="DOCS_OR_GRAPH",
                   help="a folder/file of documents to extract, or an exported .graphml")
    p.add_argument("--gold", required=True, metavar="GOLD.jsonl", help="gold annotations")
    p.add_argument("--relations", metavar="REL_GOLD.jsonl",
                   help="gold relations: also score the typed edges, per predicate")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline package to use")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--min-f1", type=float, metavar="F",
                   help="exit 1 when the entities' overall F1 is lower")
    return p


# -- extract -----------------------------------------------------------------------------------
def _check_output(path: str, fmt: str | None, inputs: list[str]) -> str:
    """The export format, once every file it will write is known to be safe to write.

    Raises
    ------
    UsageError
        A target is a folder, device, pipe or socket, its folder is missing or read-only,
        or it would overwrite or join the input (:func:`graph.store.files.refuse_inputs`).
    """
    fmt = format_for(path, fmt)
    targets = csv_paths(path) if fmt == "csv" else (Path(path),)
    for target in targets:
        folder = target.parent if str(target.parent) else Path(".")
        try:
            export_target(target)
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
        if not folder.is_dir():
            raise UsageError(messages.CANNOT_WRITE.format(path=target,
                                                          error="the folder does not exist"))
        if not os.access(folder, os.W_OK):
            raise UsageError(messages.CANNOT_WRITE.format(path=target, error="permission denied"))
        try:
            refuse_inputs(target, inputs)
        except ExportError as exc:
            raise UsageError(str(exc)) from exc
    return fmt


def cmd_extract(argv: list[str]) -> int:
    """``threadline extract``: extract documents, write the graph, print a summary.

    Raises
    ------
    graph.errors.ThreadlineError
        Bad paths or output (:class:`~graph.errors.UsageError`), no readable documents
        (:class:`~graph.errors.CorpusError`), a failed write (:class:`~graph.errors.ExportError`).
    """
    args = extract_parser().parse_args(argv)
    fmt = _check_output(args.output, args.format,
                        [*args.paths, *([args.workspace] if args.workspace else [])])
    extraction = run_extraction(args.paths, args.model, not args.no_cache, args.quiet,
                                workspace=args.workspace, jobs=args.jobs,
                                scheduler=args.scheduler)
    written = export(extraction.graph, args.output, fmt)
    print(summary(extraction))
    print(messages.WROTE.format(paths=", ".join(str(p) for p in written)))
    return EXIT_OK


# -- evaluate ----------------------------------------------------------------------------------
def cmd_evaluate(argv: list[str]) -> int:
    """``threadline evaluate``: score a graph (or the extraction of documents) against gold."""
    from graph.build.evaluate import (
        format_relation_report,
        format_report,
        load_gold,
        load_relation_gold,
        score_graph,
        score_relations,
    )

    args = evaluate_parser().parse_args(argv)
    gold = load_gold(args.gold)
    # Read before extracting: a bad gold file fails in a moment, not after the extraction.
    relation_gold = load_relation_gold(args.relations) if args.relations else None
    source = Path(args.source)
    if is_graph_file(source) and source.exists() and not source.is_dir():
        g = read_graphml(source)
    else:
        g = run_extraction([args.source], args.model, use_cache=True, quiet=args.json).graph
    result = score_graph(g, gold)
    relations = score_relations(g, relation_gold, gold) if relation_gold is not None else None
    if args.json:
        import json

        out = result.as_dict()
        if relations is not None:
            out["relations"] = relations.as_dict()
        print(json.dumps(out, indent=2))
    else:
        print(format_report(result))
        if relations is not None:
            print()
            print(format_relation_report(relations))
    return EXIT_FAILED if args.min_f1 is not None and result.overall.f1 < args.min_f1 else EXIT_OK


# -- entry point -------------------------------------------------------------------------------
def cmd_gui(argv: list[str]) -> int:
    """``threadline [PATH ...]``: the window, the self-test, or a summary without a display."""
    args = gui_parser().parse_args(argv)
    for path in args.paths:
        if not Path(path).exists():
            raise PathMissing(messages.PATH_MISSING.format(path=path))
    if args.self_test:
        from app.selftest import self_test

        return self_test()
    if no_display():
        # Still useful without a screen: say so, and show what the window would open.
        print(f"threadline: {messages.NO_DISPLAY}", file=sys.stderr)
        extraction = run_extraction(args.paths or [str(seeds_dir())], args.model,
                                    not args.no_cache, quiet=False)
        print(summary(extraction))
        return EXIT_OK
    from app.main_window import run_gui

    return run_gui(args.paths, model=args.model, use_cache=not args.no_cache)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``threadline`` console script; returns the exit code."""
    _ensure_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "extract":
            return cmd_extract(argv[1:])
        if argv and argv[0] == "evaluate":
            return cmd_evaluate(argv[1:])
        return cmd_gui(argv)
    except ThreadlineError as exc:
        print(f"threadline: error: {exc.user_message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("threadline: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``threadline extract ... | head``): not an error to report;
        # a quiet stdout keeps the interpreter's final flush from complaining again.
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
