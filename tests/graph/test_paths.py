"""resources/ and seeds/ are found from a checkout, an install and a bundle, never the cwd."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from graph import paths

ROOT = Path(__file__).resolve().parents[2]


def test_checkout_finds_resources_and_seeds_from_any_directory(tmp_path):
    code = ("from graph.paths import resources_dir, seeds_dir\n"
            "print(resources_dir()); print(seeds_dir())")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    resources, seeds = out.stdout.split()
    assert Path(resources) == ROOT / "resources" and Path(seeds) == ROOT / "seeds"


def test_environment_and_bundle_roots_come_first(tmp_path, monkeypatch):
    (tmp_path / "resources").mkdir()
    monkeypatch.setenv("THREADLINE_DATA", str(tmp_path))
    paths.data_root.cache_clear()
    try:
        assert paths.resources_dir() == tmp_path / "resources"
        monkeypatch.delenv("THREADLINE_DATA")
        monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
        paths.data_root.cache_clear()
        assert paths.seeds_dir() == tmp_path / "seeds"
    finally:
        paths.data_root.cache_clear()


def test_an_installed_copy_gets_every_resource_and_seed():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "data-files"]
    installed = {Path(f) for patterns in data_files.values() for p in patterns
                 for f in glob.glob(str(ROOT / p))}
    needed = {p for p in (ROOT / "resources").rglob("*") if p.is_file()
              and "hicolor" not in p.parts}  # theme icons ship with the packaged app only
    needed |= set((ROOT / "seeds").glob("*.txt"))
    assert needed <= installed, sorted(str(p.relative_to(ROOT)) for p in needed - installed)


def test_seeds_are_the_shared_seed_documents_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("a clone outside the workplace has no shared seeds to compare with")
    ours = {p.name: p.read_bytes() for p in (ROOT / "seeds").iterdir()}
    assert ours == {p.name: p.read_bytes() for p in shared.iterdir()}
