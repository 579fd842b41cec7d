""""Why are X and Y connected?": paths of :mod:`graph.explore.evidence_paths` as Markdown or HTML.

Each path is a numbered list of hops ("**Claude Code** —developed by→ **Anthropic**"),
each followed by its evidence sentences quoted with their document. Every text in it comes
from outside (entity labels, relation phrases, sentences, file names) and is escaped:
:func:`html.escape` in HTML, :func:`markdown_text` in Markdown, so a label such as
``<b>x</b>`` or ``*a*`` reads as written and never becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from graph import messages
from graph.explore.evidence_paths import EvidencePath, Hop

EVIDENCE_PER_HOP = 3  # sentences quoted per hop; the rest are counted

# Characters that mean something inline in CommonMark (and GitHub's tables and
# strikethrough; brackets escaped, parentheses and "!" cannot make a link or an image),
# and what makes a line start a list or a rule.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&#|~])")
_MD_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def markdown_text(value: object) -> str:
    """``value`` as literal Markdown text: one line, every special character escaped."""
    text = " ".join(str(value).split())
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1)
                              else m.group(2) + "\\" + m.group(3), text)


def _question(paths: Sequence[EvidencePath]) -> tuple[str, str]:
    """The two entities the paths connect (raises ``ValueError`` when there is none)."""
    if not paths:
        raise ValueError("no paths to explain")
    first = paths[0]
    return first.hops[0].source_label, first.hops[-1].target_label


def _shown(hop: Hop) -> tuple[list[tuple[str, str]], int]:
    """``(sentence, documents)`` to quote, and how many more sentences there are."""
    quotes = hop.quotes()
    shown = [(text, ", ".join(docs)) for text, docs in quotes[:EVIDENCE_PER_HOP]]
    return shown, max(0, len(quotes) - EVIDENCE_PER_HOP)


def explanation_markdown(paths: Sequence[EvidencePath]) -> str:
    """The paths (all between the same two entities) as a Markdown document.

    Raises
    ------
    ValueError
        ``paths`` is empty.
    """
    a, b = _question(paths)
    lines = [f"# {markdown_text(messages.PATH_QUESTION.format(a=a, b=b))}", "",
             markdown_text(messages.PATH_FOUND.format(count=len(paths))) + ".", ""]
    for number, path in enumerate(paths, 1):
        lines += [f"## {number}. {markdown_text(path.summary)}", ""]
        for step, hop in enumerate(path.hops, 1):
            lines += [f"{step}. **{markdown_text(hop.source_label)}** "
                      f"{markdown_text(hop.arrow)} **{markdown_text(hop.target_label)}**", ""]
            sentences, more = _shown(hop)
            for text, docs in sentences:
                lines += [f"   > {markdown_text(text)}", "   >",
                          f"   > \u2014 *{markdown_text(docs)}*", ""]
            if more:
                lines += [f"   {markdown_text(messages.PATH_MORE_EVIDENCE.format(more=more))}", ""]
            if not hop.evidence:
                lines += [f"   {markdown_text(messages.PATH_NO_EVIDENCE)}", ""]
    return "\n".join(lines)


_STYLE = ("body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;"
          "line-height:1.5;color:#222}h2{font-size:1.15em;margin-top:1.8em}"
          "blockquote{margin:.3em 0 .8em;padding:.2em .9em;border-left:3px solid #ccc;"
          "color:#333}.doc{color:#777;font-size:.9em}.hop{margin:.4em 0 .1em}")


def explanation_html(paths: Sequence[EvidencePath]) -> str:
    """The paths (all between the same two entities) as a standalone HTML page.

    Raises
    ------
    ValueError
        ``paths`` is empty.
    """
    a, b = _question(paths)
    title = escape(messages.PATH_QUESTION.format(a=a, b=b))
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{title}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
           f"<h1>{title}</h1>",
           f"<p>{escape(messages.PATH_FOUND.format(count=len(paths)))}.</p>"]
    for number, path in enumerate(paths, 1):
        out += [f"<h2>{number}. {escape(path.summary)}</h2>", "<ol>"]
        for hop in path.hops:
            out.append(f'<li><p class="hop"><strong>{escape(hop.source_label)}</strong> '
                       f"{escape(hop.arrow)} <strong>{escape(hop.target_label)}</strong></p>")
            sentences, more = _shown(hop)
            for text, docs in sentences:
                out.append(f"<blockquote><p>{escape(text)}</p>"
                           f'<p class="doc">\u2014 {escape(docs)}</p></blockquote>')
            if more:
                out.append(f'<p class="doc">'
                           f"{escape(messages.PATH_MORE_EVIDENCE.format(more=more))}</p>")
            if not hop.evidence:
                out.append(f'<p class="doc">{escape(messages.PATH_NO_EVIDENCE)}</p>')
            out.append("</li>")
        out.append("</ol>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
