"""Build the standalone Threadline app: ``python packaging/build.py`` (what ``make package`` runs).

Steps, the same on Linux, macOS and Windows (only Linux is exercised by CI):

1. snapshot the sources (app/, graph/, resources/, seeds/, packaging/, pyproject.toml, ...)
   into the work folder, so edits made during a build cannot mix into it;
2. make a clean build venv (default ``build/venv-package``, separate from the dev ``.venv``),
   install Threadline from the snapshot *non-editable* with PyInstaller (the ``package``
   extra); the venv is reused while pyproject.toml is unchanged, Threadline is always
   reinstalled;
3. inside that venv: run PyInstaller on packaging/threadline.spec (onedir) ->
   ``<dist>/threadline/threadline``;
4. add LICENSE, LICENSES/ (collected from the dist-info of every bundled distribution and
   the system libraries PyInstaller copied), THIRD_PARTY_NOTICES.txt, the desktop entry
   and icons;
5. smoke-test the executable (``--version`` with an empty environment), print the size
   per top-level component and write the release archive
   ``<dist>/threadline-<version>-<os>-<arch>.tar.gz`` (``.zip`` on Windows).

Options: ``--dist`` and ``--work`` (default dist/ and build/package), ``--venv``,
``--no-archive``, ``--clean`` (fresh PyInstaller cache and venv), ``--max-mb`` (fail when the
tree is larger; default 250).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "threadline"
SNAPSHOT_ITEMS = ("pyproject.toml", "README.md", "LICENSE", "setup.cfg", "setup.py", "MANIFEST.in",
                  "app", "graph", "resources", "seeds", "packaging")
SNAPSHOT_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache")
# Build tools present in the venv that never end up in the bundle.
BUILD_ONLY = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib",
              "altgraph", "macholib", "pefile", "pywin32-ctypes"}
IS_WIN = sys.platform == "win32"


def log(message: str) -> None:
    print(f"[package] {message}", flush=True)


def run(cmd: list, **kwargs) -> None:
    log("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if IS_WIN else "bin/python")


# -- outside the build venv ------------------------------------------------------------------
def snapshot_sources(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for item in SNAPSHOT_ITEMS:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, target / item, ignore=SNAPSHOT_IGNORE)
        elif source.is_file():
            shutil.copy2(source, target / item)


def ensure_venv(venv: Path, src: Path, clean: bool) -> Path:
    """The clean build venv; dependencies reinstalled only when pyproject.toml changes."""
    python = venv_python(venv)
    stamp = venv / ".threadline-package-stamp"
    wanted = hashlib.sha256((src / "pyproject.toml").read_bytes()
                            + sys.version.encode()).hexdigest()
    if clean and venv.exists():
        shutil.rmtree(venv)
    fresh = not python.exists() or not stamp.exists() or stamp.read_text() != wanted
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    if fresh:
        if venv.exists():
            shutil.rmtree(venv)
        log(f"creating the build venv {venv} with {sys.executable}")
        run([sys.executable, "-m", "venv", venv])
        run([*pip, "install", "--upgrade", "pip"])
        run([*pip, "install", f"{src}[package]"])
        stamp.write_text(wanted)
    else:
        # Same dependencies: only Threadline itself changed. Not editable, no deps.
        run([*pip, "install", "--no-deps", "--force-reinstall", src])
    return python


def ensure_build_tools() -> None:
    """PyInstaller needs objdump on Linux, and the debug strip needs strip (binutils)."""
    if not sys.platform.startswith("linux") or (shutil.which("objdump") and shutil.which("strip")):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing binutils (objdump, strip)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                        "binutils"], check=True, env=env, stdout=subprocess.DEVNULL)
    else:
        raise SystemExit("Building the app needs objdump and strip: "
                         "sudo apt-get install binutils (Debian/Ubuntu)")


class VenvLock:
    """One build at a time per build venv (make package and the e2e test share it)."""

    def __init__(self, venv: Path) -> None:
        self.path = venv.with_name(venv.name + ".lock")
        self.handle = None

    def __enter__(self) -> VenvLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "w")  # held open for the lock's lifetime
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks here; builds are rarely parallel
            return self
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"waiting for another build that uses {self.path.with_suffix('')}")
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()


def outer_main(args: argparse.Namespace) -> int:
    with VenvLock(args.venv.resolve()):
        return _outer_main(args)


def _outer_main(args: argparse.Namespace) -> int:
    started = time.monotonic()
    ensure_build_tools()
    work, dist = args.work.resolve(), args.dist.resolve()
    work.mkdir(parents=True, exist_ok=True)
    src = work / "src"
    snapshot_sources(src)
    python = ensure_venv(args.venv.resolve(), src, args.clean)
    log(f"build venv ready after {time.monotonic() - started:.0f} s")
    # Stage 2 runs the snapshot's copy of this script inside the venv (-P: the current
    # folder is not importable, so the checkout can never be analysed instead of the venv).
    wall_start = time.time() - (time.monotonic() - started)
    cmd = [python, "-P", src / "packaging" / "build.py", "--inside-venv", "--work", work,
           "--dist", dist, "--max-mb", str(args.max_mb), "--started", str(wall_start)]
    if args.no_archive:
        cmd.append("--no-archive")
    if args.clean:
        cmd.append("--clean")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    result = subprocess.run([str(c) for c in cmd], cwd=work, env=env)
    return result.returncode


# -- inside the build venv -------------------------------------------------------------------
def run_pyinstaller(spec: Path, dist: Path, work: Path, clean: bool) -> None:
    cmd = [sys.executable, "-P", "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", dist, "--workpath", work / "pyinstaller", spec]
    if clean:
        cmd.insert(5, "--clean")
    run(cmd, cwd=work)


def strip_debug(bundle: Path) -> int:
    """Remove debug sections and local symbols from the libraries (Linux); returns bytes saved.

    ``strip --strip-unneeded`` keeps every symbol dynamic linking uses (about 5 MB less
    than ``--strip-debug`` alone, which kept the tree too close to its 250 MB budget).
    Never in a wheel's vendored ``*.libs`` folder: stripping those auditwheel-patched
    libraries makes them unloadable ("ELF load command ... not page-aligned").
    """
    if not sys.platform.startswith("linux"):
        return 0
    strip = shutil.which("strip")
    if strip is None:
        log("WARNING: no 'strip' (Debian package binutils): the bundle keeps its debug info")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import elf

    saved = 0
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or any(
                part.endswith(".libs") for part in path.relative_to(bundle).parts):
            continue
        if elf.read(path) is None:
            continue
        before = path.stat().st_size
        subprocess.run([strip, "--strip-unneeded", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def _dist_files_index():
    """Map every installed file (absolute, resolved) to its distribution."""
    from importlib import metadata

    index, dists = {}, {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name or normalise(name) in dists:
            continue
        dists[normalise(name)] = dist
        for file in dist.files or ():
            try:
                index[str(Path(dist.locate_file(file)).resolve())] = normalise(name)
            except OSError:
                continue
    return index, dists


def normalise(name: str) -> str:
    """PEP 503 name: PySide6_Essentials -> pyside6-essentials."""
    return re.sub(r"[-_.]+", "-", name).lower()


def license_of(dist) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return expr
    text = (meta.get("License") or "").strip()
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if text and len(text) < 80 and "\n" not in text:
        return text
    if classifiers:
        return " / ".join(classifiers)
    return text.splitlines()[0][:80] if text else "see licence files"


def license_files(dist) -> list[Path]:
    found = []
    for file in dist.files or ():
        parts = Path(str(file)).parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        name = parts[-1].upper()
        in_licenses = len(parts) > 2 and parts[1] == "licenses"
        if in_licenses or name.startswith(("LICEN", "COPYING", "NOTICE", "AUTHORS")):
            path = Path(dist.locate_file(file))
            if path.is_file():
                found.append(path)
    return found


def system_package(path: str) -> tuple[str, Path | None]:
    """Debian package and copyright file of a system library (best effort, Linux)."""
    if not shutil.which("dpkg"):
        return "", None
    for candidate in (path, os.path.realpath(path)):
        out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if out.returncode == 0 and ":" in out.stdout:
            pkg = out.stdout.split(":", 1)[0].strip()
            copyright_file = Path("/usr/share/doc") / pkg.split(":")[0] / "copyright"
            return pkg, copyright_file if copyright_file.is_file() else None
    return "", None


def collect_notices(bundle: Path, manifest: dict, src: Path, work: Path) -> list[dict]:
    """LICENSE, LICENSES/<dist>/..., THIRD_PARTY_NOTICES.txt; returns the table."""
    from importlib import metadata

    index, dists = _dist_files_index()
    top_level = {k: [normalise(d) for d in v]
                 for k, v in metadata.packages_distributions().items()}
    used: dict[str, set[str]] = {}

    def mark(dist_name: str, what: str) -> None:
        used.setdefault(dist_name, set()).add(what)

    stdlib_prefix = Path(sys.base_prefix).resolve()
    system_libs: dict[str, str] = {}
    for module in manifest["pure"]:
        top = module.split(".")[0]
        for dist_name in top_level.get(top, []):
            mark(dist_name, top)
    generated = (work / "pyinstaller").resolve()
    for dest, source, kind in manifest["binaries"] + manifest["datas"]:
        if kind == "SYMLINK":
            continue  # a link to another bundled file (PyInstaller adds them at the top)
        resolved = str(Path(source).resolve())
        if Path(resolved).is_relative_to(generated):
            continue  # base_library.zip and the like: PyInstaller's own output
        if resolved in index:
            mark(index[resolved], dest.replace("\\", "/").split("/")[0])
        elif "site-packages" in resolved or "dist-packages" in resolved:
            continue  # a file no RECORD lists (rare); its package is counted through modules
        elif resolved.startswith(str(stdlib_prefix)):
            mark("python", dest)
        elif Path(source).resolve().is_relative_to(src.resolve()):
            mark("threadline", dest)
        else:
            system_libs[dest.replace("\\", "/")] = source
    for name in list(used):
        if name in BUILD_ONLY:
            del used[name]

    licenses = bundle / "LICENSES"
    if licenses.exists():
        shutil.rmtree(licenses)
    licenses.mkdir()
    shutil.copy2(src / "LICENSE", bundle / "LICENSE")
    overrides = src / "packaging" / "licenses"
    rows = []
    for name in sorted(used):
        if name == "python":
            dest = licenses / "Python"
            dest.mkdir()
            lib = Path(sys.base_prefix) / ("" if IS_WIN else f"lib/python{sys.version_info[0]}"
                                           f".{sys.version_info[1]}")
            for candidate in (lib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
                if candidate.is_file():
                    shutil.copy2(candidate, dest / "LICENSE.txt")
                    break
            rows.append({"name": "Python", "version": platform.python_version(),
                         "license": "PSF-2.0", "files": sorted(p.name for p in dest.iterdir())})
            continue
        dist = dists.get(name)
        if dist is None:
            continue
        meta_name, version = dist.metadata["Name"], dist.version
        dest = licenses / f"{meta_name}-{version}"
        dest.mkdir()
        for path in license_files(dist):
            # keep the layout below the dist-info (numpy has licenses/numpy/...)
            start = next(i for i, part in enumerate(path.parts) if part.endswith(".dist-info"))
            target = dest / Path(*path.parts[start + 1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        license_text = license_of(dist)
        if name in ("pyside6-essentials", "shiboken6", "pyside6"):
            # The wheels carry no licence file; Qt for Python is used under LGPL-3.0, which
            # also requires the GPL-3.0 text it builds on.
            license_text = ("LGPL-3.0-only (chosen from LGPL-3.0-only OR GPL-2.0-only OR "
                            "GPL-3.0-only)")
            for file in ("LGPL-3.0.txt", "GPL-3.0.txt"):
                shutil.copy2(overrides / file, dest / file)
        if name == "threadline":
            shutil.copy2(src / "LICENSE", dest / "LICENSE")
            license_text = "MIT"
        if name == "igraph":
            license_text = "GPL-2.0-or-later"
        files = sorted(str(p.relative_to(dest)).replace("\\", "/")
                       for p in dest.rglob("*") if p.is_file())
        rows.append({"name": meta_name, "version": version, "license": license_text,
                     "files": files, "homepage": dist.metadata.get("Home-page") or next(
                         (u.split(",", 1)[1].strip() for u in dist.metadata.get_all("Project-URL")
                          or [] if u.split(",", 1)[0].lower().strip() in ("homepage", "source",
                                                                          "repository")), "")})
    # PyInstaller's bootloader is the executable's launcher.
    pyi = dists.get("pyinstaller")
    if pyi is not None:
        dest = licenses / f"PyInstaller-bootloader-{pyi.version}"
        dest.mkdir()
        for path in license_files(pyi):
            shutil.copy2(path, dest / path.name)
        rows.append({"name": "PyInstaller bootloader", "version": pyi.version,
                     "license": "GPL-2.0-or-later WITH Bootloader-exception",
                     "files": sorted(p.name for p in dest.iterdir())})
    system_rows = []
    for dest_name, source in sorted(system_libs.items()):
        pkg, copyright_file = system_package(source)
        entry = {"file": dest_name, "source": source, "package": pkg}
        if copyright_file is not None:
            target = licenses / "system" / pkg.split(":")[0] / "copyright"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(copyright_file, target)
            entry["copyright"] = str(target.relative_to(bundle)).replace("\\", "/")
        system_rows.append(entry)
    write_notice(bundle, rows, system_rows, src)
    (licenses / "bundle-licenses.json").write_text(json.dumps(
        {"distributions": rows, "system_libraries": system_rows}, indent=1))
    return rows


def write_notice(bundle: Path, rows: list[dict], system_rows: list[dict], src: Path) -> None:
    template = (src / "packaging" / "NOTICE_HEADER.txt").read_text(encoding="utf-8")
    lines = [template.rstrip(), "", "Bundled components", "=" * 18, ""]
    width = max(len(r["name"]) for r in rows) + 2
    for r in rows:
        lines.append(f"{r['name']:<{width}}{r['version']:<14}{r['license']}")
        if r.get("homepage"):
            lines.append(f"{'':<{width}}{r['homepage']}")
        folder = r["name"] if r["name"] == "Python" else f"{r['name']}-{r['version']}"
        if r["name"] == "PyInstaller bootloader":
            folder = f"PyInstaller-bootloader-{r['version']}"
        for file in r["files"]:
            lines.append(f"{'':<{width}}LICENSES/{folder}/{file}")
    if system_rows:
        lines += ["", "System libraries copied from the build machine", "=" * 47, ""]
        for s in system_rows:
            where = f" (Debian package {s['package']}" + (
                f", terms in {s['copyright']})" if s.get("copyright") else ")") \
                if s["package"] else ""
            lines.append(f"{s['file']}{where}")
    (bundle / "THIRD_PARTY_NOTICES.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def add_desktop_files(bundle: Path, src: Path) -> None:
    """Desktop entry, icons in the freedesktop layout and an installer for them (Linux)."""
    icons = src / "resources" / "icons"
    share = bundle / "share"
    if share.exists():
        shutil.rmtree(share)
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(icons / "threadline.svg", scalable / "threadline.svg")
    (share / "applications").mkdir()
    shutil.copy2(src / "packaging" / "threadline.desktop",
                 share / "applications" / "threadline.desktop")
    shutil.copy2(icons / "threadline.png", bundle / "threadline.png")
    if sys.platform.startswith("linux"):
        target = bundle / "install-desktop-entry.sh"
        shutil.copy2(src / "packaging" / "install-desktop-entry.sh", target)
        target.chmod(0o755)


def tree_size(path: Path) -> int:
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def size_report(bundle: Path) -> dict:
    """Bytes per top-level component (inside _internal/ one level down as well)."""
    internal = bundle / "_internal"
    report = {"total": tree_size(bundle), "top": {}, "internal": {}}
    for item in sorted(bundle.iterdir()):
        report["top"][item.name] = tree_size(item)
    if internal.is_dir():
        groups: dict[str, int] = {}
        for item in internal.iterdir():
            key = item.name
            if item.is_file() and ".so" in item.name or item.suffix in (".dll", ".dylib"):
                key = "(shared libraries at top level)"
            elif item.name.endswith(".dist-info"):
                key = "(dist-info metadata)"
            groups[key] = groups.get(key, 0) + tree_size(item)
        report["internal"] = dict(sorted(groups.items(), key=lambda kv: -kv[1]))
        qt = internal / "PySide6" / "Qt"
        if qt.is_dir():
            report["qt"] = {p.name: tree_size(p) for p in sorted(qt.iterdir())}
            plugins = qt / "plugins"
            if plugins.is_dir():
                report["qt_plugins"] = {p.name: tree_size(p) for p in sorted(plugins.iterdir())}
    return report


def print_size_report(report: dict) -> None:
    mb = 1024 * 1024
    log(f"bundle size: {report['total'] / mb:.1f} MB")
    for key, label in (("top", "top level"), ("internal", "_internal/"), ("qt", "PySide6/Qt/"),
                       ("qt_plugins", "PySide6/Qt/plugins/")):
        items = report.get(key) or {}
        shown = sorted(items.items(), key=lambda kv: -kv[1])[:14]
        log(f"  {label}: " + ", ".join(f"{k} {v / mb:.1f}" for k, v in shown if v >= mb / 10))


def smoke_test(executable: Path, work: Path) -> str:
    """``--version`` and a one-sentence extract (loads the model), with an empty environment.

    The full checks (self-test, window, GraphML equal to the source install's) are
    tests/e2e/test_package.py.
    """
    env = {"PATH": os.pathsep.join(p for p in ("/usr/bin", "/bin") if os.path.isdir(p)),
           "HOME": os.environ.get("HOME", str(Path.home()))}
    if IS_WIN:
        env = {k: os.environ[k] for k in ("SYSTEMROOT", "PATH", "USERPROFILE", "TEMP", "TMP")
               if k in os.environ}
    smoke = work / "smoke"
    if smoke.exists():
        shutil.rmtree(smoke)
    smoke.mkdir()
    (smoke / "doc.txt").write_text("Anthropic partnered with Cisco to evaluate Claude Opus 3.\n",
                                   encoding="utf-8")
    env["THREADLINE_USER_DATA"] = str(smoke / "cache")
    version = subprocess.run([str(executable), "--version"], capture_output=True, text=True,
                             env=env, cwd=smoke, timeout=120)
    text = (version.stdout + version.stderr).strip()
    if version.returncode != 0 or "threadline" not in text:
        raise SystemExit(f"smoke test failed: --version ({version.returncode}): {text}")
    extract = subprocess.run([str(executable), "extract", "doc.txt", "-o", "doc.graphml", "-q"],
                             capture_output=True, text=True, env=env, cwd=smoke, timeout=300)
    if extract.returncode != 0 or not (smoke / "doc.graphml").is_file():
        raise SystemExit(f"smoke test failed: extract ({extract.returncode}): "
                         f"{extract.stdout}{extract.stderr}")
    return f"{text}; extract ok"


def archive(bundle: Path, version: str) -> Path:
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform,
                                                                           sys.platform)
    arch = platform.machine().lower().replace("amd64", "x86_64").replace("arm64", "aarch64")
    stem = f"{NAME}-{version}-{system}-{arch}"
    if IS_WIN:
        target = bundle.parent / f"{stem}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(bundle.rglob("*")):
                zf.write(path, Path(NAME) / path.relative_to(bundle))
        return target
    target = bundle.parent / f"{stem}.tar.gz"

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as tf:
        tf.add(bundle, arcname=NAME, filter=normalise)
    return target


def inner_main(args: argparse.Namespace) -> int:
    from importlib import metadata

    src = Path(__file__).resolve().parent.parent
    work, dist = args.work, args.dist
    version = metadata.version(NAME)
    os.environ["THREADLINE_VERSION"] = version
    started = time.monotonic()
    run_pyinstaller(src / "packaging" / "threadline.spec", dist, work, args.clean)
    log(f"PyInstaller finished in {time.monotonic() - started:.0f} s")
    bundle = dist / NAME
    log(f"stripped debug info and local symbols: {strip_debug(bundle) / 1024 / 1024:.0f} MB less")
    manifest = json.loads((work / "pyinstaller" / "threadline" / "bundle-manifest.json")
                          .read_text())
    rows = collect_notices(bundle, manifest, src, work)
    log(f"licences of {len(rows)} components in {bundle / 'LICENSES'}")
    add_desktop_files(bundle, src)
    executable = bundle / (f"{NAME}-cli.exe" if IS_WIN else NAME)
    if sys.platform == "darwin" and not executable.exists():
        executable = bundle / NAME
    log("smoke test: " + smoke_test(executable, work))
    report = size_report(bundle)
    report["version"] = version
    print_size_report(report)
    (work / "size-report.json").write_text(json.dumps(report, indent=1))
    if not args.no_archive:
        target = archive(bundle, version)
        log(f"release archive {target} ({target.stat().st_size / 1024 / 1024:.1f} MB)")
    total = time.time() - args.started if args.started else time.monotonic() - started
    log(f"done in {total:.0f} s: {executable}")
    if report["total"] > args.max_mb * 1024 * 1024:
        log(f"ERROR: the bundle is {report['total'] / 1024 / 1024:.1f} MB, "
            f"over the {args.max_mb} MB budget")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "package",
                   help="work folder (source snapshot, PyInstaller's build files)")
    p.add_argument("--venv", type=Path, default=ROOT / "build" / "venv-package",
                   help="the build venv (made when missing)")
    p.add_argument("--no-archive", action="store_true", help="skip the .tar.gz / .zip")
    p.add_argument("--clean", action="store_true",
                   help="new build venv and PyInstaller cache")
    p.add_argument("--max-mb", type=float, default=250, help="size budget of the tree")
    p.add_argument("--inside-venv", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--started", type=float, default=0.0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if sys.version_info < (3, 11):  # noqa: UP036  - run by any python3 on PATH
        p.error("building Threadline needs Python 3.11 or newer")
    return inner_main(args) if args.inside_venv else outer_main(args)


if __name__ == "__main__":
    sys.exit(main())
