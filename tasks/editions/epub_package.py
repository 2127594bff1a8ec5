"""EPUB 3 packaging of pages pandoc rendered: our own OPF, nav and zip, byte-reproducible.

Pandoc renders the text (`epub_edition.py`: its JSON AST in, XHTML out); this module puts
the rendered pages into a book. Packaging the book ourselves means one pandoc rendering
serves two books (the document's own and its part of a corpus volume) and no book pays for
pandoc's EPUB writer, which cost about ten times the rendering. It also states every byte:
entries in a fixed order, `mimetype` first and stored, every entry stamped with the book's
own time (`BookMeta.modified`, never the clock), so the same input gives the same file.
A book is written entry by entry as its pages come, and the nav and the OPF last, so a
volume of any length is never held in memory.
"""

from __future__ import annotations

import datetime
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from zhclean.tasks.editions.zip_writer import ZipWriter

LANGUAGE = "zh-Hans"
CSS_NAME = "styles/zhclean.css"
TOC_TITLE = "目录"

# Chinese body text: generous leading, first-line indent of two characters,
# captions (block quotes) small and set apart.
CSS = """\
body { line-height: 1.8; text-align: justify; }
p { text-indent: 2em; margin: 0 0 0.3em 0; }
h1, h2, h3 { line-height: 1.4; text-indent: 0; }
h1 + p > strong, h2 + p > strong, h1 + p > em, h2 + p > em { text-indent: 0; }
blockquote { margin: 0.6em 2em; font-size: 0.9em; color: #444; }
blockquote p { text-indent: 0; }
.titlepage { text-align: center; margin-top: 30%; }
.titlepage p { text-indent: 0; }
"""

CONTAINER = """\
<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml" />
</rootfiles>
</container>
"""

PAGE = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" \
xml:lang="{lang}" lang="{lang}">
<head>
<meta charset="utf-8" />
<title>{title}</title>
{head}<link rel="stylesheet" type="text/css" href="../{css}" />
</head>
<body>
<section epub:type="{kind}">
{body}</section>
</body>
</html>
"""

NAV = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" \
xml:lang="{lang}" lang="{lang}">
<head>
<meta charset="utf-8" />
<title>{title}</title>
<link rel="stylesheet" type="text/css" href="{css}" />
</head>
<body>
{body}</body>
</html>
"""

#: Where a page's own body starts and ends in its file (how a volume takes a document's chapters).
BODY_START = '<section epub:type="chapter">\n'
BODY_END = "</section>\n</body>"


def text(value: str) -> str:
    return escape(value)


def attr(value: str) -> str:
    return quoteattr(value)


@dataclass(slots=True)
class BookMeta:
    """What the OPF says about a book. `date` is dc:date (YYYY, YYYY-MM or YYYY-MM-DD) or None;
    `modified` (seconds since 1970) is dcterms:modified and every zip entry's time."""

    title: str
    identifier: str
    modified: int
    creators: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    publisher: str | None = None
    date: str | None = None
    description: str | None = None
    language: str = LANGUAGE


def page(title: str, body: str, kind: str = "chapter", authors: tuple[str, ...] = ()) -> str:
    """One XHTML page of the book around `body` (pandoc's XHTML, or ours for title and part pages)."""
    head = "".join(f'<meta name="author" content={attr(a)} />\n' for a in authors)
    return PAGE.format(lang=LANGUAGE, title=text(title), head=head, css=CSS_NAME, kind=kind, body=body)


def page_body(xhtml: str) -> str:
    """The body of a chapter page as `page` wrote it."""
    start = xhtml.index(BODY_START) + len(BODY_START)
    return xhtml[start : xhtml.rindex(BODY_END)]


def title_page(meta: BookMeta) -> str:
    lines = [f'<h1 class="title">{text(meta.title)}</h1>']
    if meta.creators:
        lines.append(f'<p class="author">{text("、".join(meta.creators))}</p>')
    if meta.publisher:
        lines.append(f'<p class="publisher">{text(meta.publisher)}</p>')
    if meta.date:
        lines.append(f'<p class="date">{text(meta.date)}</p>')
    body = '<div class="titlepage">\n' + "\n".join(lines) + "\n</div>\n"
    return page(meta.title, body, kind="titlepage")


@dataclass(slots=True)
class NavEntry:
    depth: int
    title: str
    href: str


def nav_page(entries: list[NavEntry]) -> str:
    """The navigation document: nested lists, one level per depth."""
    out = [f'<nav epub:type="toc" id="toc">\n<h1>{TOC_TITLE}</h1>\n<ol>']
    depth = 1
    for i, entry in enumerate(entries):
        target = max(1, min(entry.depth, depth + 1))
        if i:
            if target > depth:
                out.append("<ol>")
            else:
                out.append("</li>" + "</ol></li>" * (depth - target))
        depth = target
        out.append(f"<li><a href={attr(entry.href)}>{text(entry.title)}</a>")
    out.append("</li>" + "</ol></li>" * (depth - 1) + "</ol>\n</nav>\n")
    return NAV.format(lang=LANGUAGE, title=TOC_TITLE, css=CSS_NAME, body="\n".join(out))


def iso_timestamp(epoch: int) -> str:
    return datetime.datetime.fromtimestamp(epoch, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def package_document(meta: BookMeta, items: list[tuple[str, str]], spine: list[str]) -> str:
    """The OPF: metadata, every item (id, href) of the book, and the reading order."""
    md = [
        f'<dc:identifier id="book-id">{text(meta.identifier)}</dc:identifier>',
        f"<dc:title>{text(meta.title)}</dc:title>",
        f"<dc:language>{meta.language}</dc:language>",
    ]
    for i, name in enumerate(meta.creators, 1):
        md.append(f'<dc:creator id="creator{i}">{text(name)}</dc:creator>')
        md.append(f'<meta refines="#creator{i}" property="role" scheme="marc:relators">aut</meta>')
    md += [f"<dc:contributor>{text(name)}</dc:contributor>" for name in meta.contributors]
    if meta.publisher:
        md.append(f"<dc:publisher>{text(meta.publisher)}</dc:publisher>")
    if meta.date:
        md.append(f"<dc:date>{meta.date}</dc:date>")
    if meta.description:
        md.append(f"<dc:description>{text(meta.description)}</dc:description>")
    md.append(f'<meta property="dcterms:modified">{iso_timestamp(meta.modified)}</meta>')
    manifest = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav" />']
    manifest.append(f'<item id="css" href="{CSS_NAME}" media-type="text/css" />')
    manifest += [f'<item id="{i}" href="{h}" media-type="application/xhtml+xml" />' for i, h in items]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" '
        f'xml:lang="{meta.language}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        + "\n".join(md)
        + "\n</metadata>\n<manifest>\n"
        + "\n".join(manifest)
        + "\n</manifest>\n<spine>\n"
        + "\n".join(f'<itemref idref="{i}" />' for i in spine)
        + "\n</spine>\n</package>\n"
    )


class BookWriter:
    """One EPUB written entry by entry: `add_page` per chapter, then `close`.

    The file appears under its name only when complete (written beside it, then renamed)."""

    def __init__(self, path: Path, meta: BookMeta) -> None:
        self.path, self.meta = path, meta
        self.tmp = path.with_name(f".{path.name}.tmp")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.zip = ZipWriter(self.tmp)
        self.date_time = time.gmtime(self.meta.modified)[:6]
        self.items: list[tuple[str, str]] = []
        self.nav: list[NavEntry] = []
        self._write("mimetype", "application/epub+zip", deflate=False)
        self._write("META-INF/container.xml", CONTAINER)
        self._write(f"EPUB/{CSS_NAME}", CSS)
        self._write("EPUB/text/title_page.xhtml", title_page(meta))
        self.items.append(("title_page", "text/title_page.xhtml"))

    def _write(self, name: str, data: str, deflate: bool = True) -> None:
        # rw-r--r-- on Unix (create_system 3), whatever machine builds the book
        self.zip.write(name, data.encode("utf-8"), self.date_time, deflate=deflate)

    def add_page(self, xhtml: str, nav_title: str, depth: int) -> None:
        """A page of the book (a whole XHTML file), listed in the nav at `depth`."""
        number = len(self.items)  # the title page is item 0, so chapters count from 1
        href = f"text/ch{number:03d}.xhtml"
        self._write(f"EPUB/{href}", xhtml)
        self.items.append((f"ch{number:03d}", href))
        self.nav.append(NavEntry(depth, nav_title, href))

    def close(self) -> Path:
        """Write the nav and the OPF, and put the finished book in place."""
        nav = self.nav or [NavEntry(1, self.meta.title, "text/title_page.xhtml")]
        self._write("EPUB/nav.xhtml", nav_page(nav))
        spine = ["title_page", "nav", *(i for i, _ in self.items[1:])]
        self._write("EPUB/content.opf", package_document(self.meta, self.items, spine))
        self.zip.close()
        os.replace(self.tmp, self.path)
        return self.path
