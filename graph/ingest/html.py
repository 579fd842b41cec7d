"""HTML: the text a browser would show of the page's content (no scripts, styles, head
metadata, nor the site's furniture around it: navigation, footer, sidebars, forms)."""

from __future__ import annotations

from html.parser import HTMLParser


class _VisibleText(HTMLParser):
    """Collect the text a browser would show: no scripts, styles or head metadata, and not the
    site's navigation, footer, sidebars and forms, which repeat on every page of a site (a
    copyright line's "Example Inc." was an organisation of every page, a menu's "Home | Blog"
    the page's first line, which hid its lead from the rules that read it)."""

    HIDDEN = {"script", "style", "head", "title", "noscript", "template", "svg",
              "nav", "footer", "aside", "form", "button", "dialog", "menu"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
             "table", "section", "article", "header", "footer", "blockquote", "pre", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        out, blank = [], False
        for line in lines:
            if line:
                out.append(line)
                blank = False
            elif not blank and out:
                out.append("")
                blank = True
        return "\n".join(out).strip()


def html_to_text(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return parser.text()
