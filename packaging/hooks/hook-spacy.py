"""spaCy for Threadline: English only, no test suite.

Replaces the hook in pyinstaller-hooks-contrib, which collects every submodule (each
language, ~700 test modules) and imports them all during the build.
"""

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, get_package_paths

# en: the app. xx: spacy.training.converters imports it. ja, ko, th, vi, zh: spaCy 3.8
# registers their tokenizers when it fills its registry (spacy/registrations.py).
KEEP_LANGS = {"en", "xx", "ja", "ko", "th", "vi", "zh"}
_, _pkg_dir = get_package_paths("spacy")
_LANG_DIR = Path(_pkg_dir) / "lang"
OTHER_LANGS = sorted(p.name for p in _LANG_DIR.iterdir()
                     if p.is_dir() and (p / "__init__.py").exists() and p.name not in KEEP_LANGS)


def _wanted(name: str) -> bool:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] == "tests":
        return False
    # spacy.lang.<module> (shared punctuation, char classes...) stays; other languages go
    return not (len(parts) > 2 and parts[1] == "lang" and parts[2] in OTHER_LANGS)


hiddenimports = collect_submodules("spacy", filter=_wanted)
datas = collect_data_files("spacy", excludes=["tests", "**/tests/**",
                                              *(f"lang/{lang}" for lang in OTHER_LANGS)])
