"""Just enough ELF reading for the Linux bundle: direct dependencies and debug sections.

Used by threadline.spec (drop libraries nothing links to) and build.py (strip only the
files that carry debug info). Pure Python, so the build needs no readelf; files that are
not ELF give ``None``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

DT_NEEDED, DT_RPATH, DT_RUNPATH = 1, 15, 29
SHT_DYNAMIC = 6


@dataclass(frozen=True)
class ElfInfo:
    needed: tuple[str, ...]
    rpath: str
    debug: bool  # has .debug_* / .zdebug_* sections


def read(path: str | Path) -> ElfInfo | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    if data[:4] != b"\x7fELF" or len(data) < 64:
        return None
    is64 = data[4] == 2
    order = "<" if data[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(order + "Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from(order + "HHH", data, 0x3A)
        sh_fmt, dyn_fmt = order + "IIQQQQIIQQ", order + "qQ"
    else:
        shoff, = struct.unpack_from(order + "I", data, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from(order + "HHH", data, 0x2E)
        sh_fmt, dyn_fmt = order + "IIIIIIIIII", order + "iI"
    if not shoff or shoff + shnum * shentsize > len(data):
        return None
    sections = [struct.unpack_from(sh_fmt, data, shoff + i * shentsize) for i in range(shnum)]
    # (name, type, flags, addr, offset, size, link, info, addralign, entsize)
    names_off = sections[shstrndx][4] if shstrndx < len(sections) else 0

    def cstr(offset: int) -> str:
        end = data.find(b"\0", offset)
        return data[offset:end].decode("utf-8", "replace")

    debug = any(cstr(names_off + s[0]).startswith((".debug_", ".zdebug_")) for s in sections)
    needed, rpath = [], []
    for s in sections:
        if s[1] != SHT_DYNAMIC:
            continue
        strtab = sections[s[6]][4]
        step = struct.calcsize(dyn_fmt)
        for off in range(s[4], s[4] + s[5], step):
            tag, value = struct.unpack_from(dyn_fmt, data, off)
            if tag == 0:
                break
            if tag == DT_NEEDED:
                needed.append(cstr(strtab + value))
            elif tag in (DT_RPATH, DT_RUNPATH):
                rpath.append(cstr(strtab + value))
    return ElfInfo(tuple(needed), ":".join(rpath), debug)
