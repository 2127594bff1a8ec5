"""HTML remnants in scraped text: tags removed, entities decoded (STYLE.md section 6).

A scraper that keeps markup leaves `</p>`, `<br/>` and `&nbsp;` in the text.
Entities are decoded with the stdlib `html` module; a non-breaking space
becomes a plain space (the spacing rules decide later whether it stays).
A closing tag whose `<` was eaten by a mojibake byte (`/p>`) is still markup.
"""

from __future__ import annotations

import html
import re

from zhclean.tasks.core.data import load
from zhclean.tasks.core.rules import RuleList

#: This module's rules, in the order they run.
RULES = RuleList()

_DATA = load(__file__, "html")

#: Element names common in scraped article bodies; used only for tags that lost their `<`.
BROKEN_TAG_NAMES = "|".join(_DATA["broken_tag_names"])
#: Element names a tag may have (besides namespaced `o:p` and custom `x-box` ones).
TAG_NAMES = "|".join(sorted(_DATA["tag_names"], key=len, reverse=True))

#: One attribute as HTML writes it: an ASCII name, and a quoted or bare value. A comparison
#: (`如果 a<b 且 c>d 则`) has no such shape after its letter and is not a tag.
ATTRIBUTE = r"""\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?"""

TAG = re.compile(
    r"<!--.*?-->"
    rf"|</?(?:(?i:{TAG_NAMES})|[A-Za-z][A-Za-z0-9]*[:-][A-Za-z0-9:-]+)(?![A-Za-z0-9])(?:{ATTRIBUTE})*\s*/?>"
    rf"|(?<![<A-Za-z0-9/])/(?:{BROKEN_TAG_NAMES})>"
)

#: An entity, possibly escaped again by a second pass of the scraper (`&amp;nbsp;`).
ENTITY = re.compile(_DATA["entity"])
DOUBLE_ESCAPE = re.compile(_DATA["double_escape"])

#: Elements whose content is code, not text: removed with their content (within one line).
NON_TEXT_ELEMENT = re.compile(_DATA["non_text_element"], re.IGNORECASE | re.DOTALL)

#: Entities that decode to a space-like character become a plain space.
SPACE_LIKE: str = _DATA["space_like"]


def decode_entity(m: re.Match[str]) -> str:
    """The character an entity stands for; unknown entities are left alone."""
    entity = DOUBLE_ESCAPE.sub("&", m.group(0))
    decoded = html.unescape(entity)
    if decoded == entity:
        return m.group(0)
    return "".join(" " if ch in SPACE_LIKE else ch for ch in decoded)


HTML_ENTITY = RULES.regex(
    "repair.html_entity",
    "repair",
    ENTITY,
    decode_entity,
    "HTML entities (&nbsp; &amp; &#8220;) decoded",
    needles=("&",),
)
#: Every form of TAG ends in `>`.
HTML_NON_TEXT = RULES.regex(
    "repair.html_script",
    "repair",
    NON_TEXT_ELEMENT,
    "",
    "<script> and <style> elements removed with their code",
    needles=("</",),
)
HTML_TAG = RULES.regex("repair.html_tag", "repair", TAG, "", "HTML tags and comments removed", needles=(">",))
