"""A corpus folder of hostile and unlucky files, generated on demand (nothing binary is kept).

Import it from a test (``from tests.hostile_corpus import make_hostile_corpus``; the
checkout is on ``sys.path`` through pytest's ``pythonpath``) or run it to look at one:
``python tests/hostile_corpus.py /tmp/hostile``. Reading the folder must not crash, hang or
fill memory: the good documents are read, every other file is skipped with a reason.

The size cap is the caller's: ``huge.txt`` is a 2 MB sparse file, over the cap only with
``THREADLINE_MAX_FILE_MB=1`` (the tests set it). PDFs are made with pypdf itself (the
encrypted ones) or written byte by byte (the malformed ones, which pypdf would not write).
"""

from __future__ import annotations

import io
import os
import sys
import zlib
from pathlib import Path

GOOD = {  # id -> text: read as they are
    "anthropic.txt": "Anthropic released Claude Opus 3. Claude Opus 3 was evaluated on MMLU.\n",
    "openai.txt": "OpenAI released GPT-4. GPT-4 was trained with RLHF.\n",
}
HUGE_BYTES = 2 * 1024 * 1024
NESTING = 100_000  # far past Python's recursion limit
BOMB_BYTES = 200_000_000  # inflates past pypdf's 75 MB limit from about 200 KB


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object 1 is the catalog), with a correct xref table."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def page_pdf(stream: bytes, filters: bytes = b"") -> bytes:
    """One page with a Helvetica font and ``stream`` as its content."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s>>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def text_pdf(text: str) -> bytes:
    return page_pdf(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())


def encrypted_pdf(text: str, password: str) -> bytes:
    """``text`` in an AES-256 encrypted PDF; the empty password opens it without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(text))))
    writer.encrypt(password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def nested_pdf(depth: int = NESTING) -> bytes:
    """Arrays nested ``depth`` deep in the content stream: pypdf parses them recursively."""
    return page_pdf(b"BT /F1 12 Tf 72 720 Td " + b"[" * depth + b"]" * depth + b" TJ ET")


def bomb_pdf(size: int = BOMB_BYTES) -> bytes:
    """A content stream of ``size`` bytes deflated to a few hundred KB."""
    return page_pdf(zlib.compress(b"BT " + b" " * size + b" ET", 9), b"/Filter /FlateDecode ")


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def _write_bytes_name(folder: Path, name: bytes, data: str) -> None:
    """A file whose name is bytes that are not UTF-8, made without decoding it."""
    fd = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data.encode())


def _special_files(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to("loop2.txt")
    (folder / "loop2.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("missing.txt")
    (folder / "again").symlink_to(".")  # a folder link back to the corpus itself
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(HUGE_BYTES)  # sparse: 2 MB on paper, nothing on disk


def make_hostile_corpus(folder: Path) -> dict:
    """Fill ``folder`` with good documents and every kind of bad file.

    Returns
    -------
    dict
        ``documents``: id -> a sentence its text contains; ``skipped``: id -> words its
        reason contains; ``entities``: labels the statistical model finds in the documents.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        _write(folder / name, text)
    _write(folder / "aes.pdf", encrypted_pdf("Meta AI released Llama 2.", ""))
    _write(folder / "locked.pdf", encrypted_pdf("Nobody reads this.", "secret"))
    _write(folder / "nested.pdf", nested_pdf())
    _write(folder / "bomb.pdf", bomb_pdf())
    _write_bytes_name(folder, b"caf\xe9.txt", "Mistral AI released Mistral 7B.\n")
    (folder / "r\udce9sum\udce9s").mkdir()  # a folder whose name is not UTF-8 either
    _write_bytes_name(folder / "r\udce9sum\udce9s", b"notes.txt", "Google built BERT.\n")
    _write(folder / "ansi.txt", "\x1b[1;31mHugging Face\x1b[0m hosts BERT.\x07\x1b]0;pwned\x07\n")
    _write(folder / "bell\x07\x1b[2Jname.txt", "Microsoft partnered with OpenAI.\n")
    # Rich text in names: "/" cannot be in a name, so these nest folders to spell it.
    _write(folder / "<img src=" / "dev" / "zero>.txt", "Anthropic trained Claude.\n")
    _write(folder / '<a href="x">link<' / "a>.txt", "OpenAI trained Codex.\n")
    _write(folder / "<b>bold.txt", "Google trained PaLM 2.\n")
    _write(folder / ".elsewhere" / "more.txt", "Google DeepMind released Gemini Ultra.\n")
    (folder / "linked").symlink_to(".elsewhere")  # hidden itself, reached through the link
    _write(folder / "script.html", "<html><head><script>alert(1)</script></head>"
                                   "<body><script>document.write('x')</script></body></html>")
    _write(folder / "empty.txt", b"")
    _special_files(folder)
    return {
        "documents": {
            **{name: text.split(".")[0] for name, text in GOOD.items()},
            "aes.pdf": "Meta AI released Llama 2",
            "caf\ufffd.txt": "Mistral AI released Mistral 7B",
            "r\ufffdsum\ufffds/notes.txt": "Google built BERT",
            "ansi.txt": "Hugging Face hosts BERT.",
            "bell\ufffd\ufffd[2Jname.txt": "Microsoft partnered with OpenAI",
            "<img src=/dev/zero>.txt": "Anthropic trained Claude",
            '<a href="x">link</a>.txt': "OpenAI trained Codex",
            "<b>bold.txt": "Google trained PaLM 2",
            "linked/more.txt": "Google DeepMind released Gemini Ultra",
        },
        "skipped": {
            "locked.pdf": "the PDF is encrypted with a password",
            "nested.pdf": "nested too deeply",
            "bomb.pdf": "more data than is safe to read",
            "pipe.txt": "not a regular file but a named pipe (FIFO)",
            "zero.txt": "not a regular file but a device",
            "loop.txt": "symbolic link loop",
            "loop2.txt": "symbolic link loop",
            "dangling.txt": "symbolic link to missing.txt, which does not exist",
            "again": "a link to a folder that is already read",
            "huge.txt": "the file is 2.0 MB, over the 1 MB limit",
            "script.html": "no visible text",
            "empty.txt": "the file is empty",
        },
        "entities": ["Claude Opus 3", "GPT-4", "Llama 2", "Mistral 7B", "Gemini Ultra",
                     "Hugging Face"],
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile_corpus.py FOLDER")
    made = make_hostile_corpus(Path(sys.argv[1]))
    print(f"{len(made['documents'])} documents, {len(made['skipped'])} files to skip")
