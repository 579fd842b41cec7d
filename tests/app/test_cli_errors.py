"""The command line's error handling, in process (fast; tests/e2e runs the real command)."""

from __future__ import annotations

import pytest

from app import cli
from graph.errors import Cancelled, CorpusError, GoldError, ModelNotFound, PathMissing, UsageError


@pytest.mark.parametrize("error, code", [(UsageError, 2), (ModelNotFound, 2), (PathMissing, 2),
                                         (CorpusError, 1), (GoldError, 1), (Cancelled, 130)])
def test_every_threadline_error_exits_with_its_code(monkeypatch, capsys, error, code):
    def fail(argv):
        raise error("what went wrong")

    monkeypatch.setattr(cli, "cmd_extract", fail)
    assert cli.main(["extract"]) == code
    assert capsys.readouterr().err == "threadline: error: what went wrong\n"
