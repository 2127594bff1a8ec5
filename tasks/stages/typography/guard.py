"""Typography rules see protected spans (code, URLs, paths, Markdown syntax: `text.protect`)
as opaque tokens: each rule runs on the text with the spans masked, and a change that would
touch a span is dropped. Offsets hold, as a span's mask has its length; so fixing and
checking (lint) see the same thing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import lru_cache

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Finder, Rule
from zhclean.tasks.text.protect import ADDRESS, MARKUP, PLACEHOLDERS, TOKEN, mask

#: Stands for a protected token (code, URL, path) in the rules' patterns: spaced like a word.
PROTECTED = TOKEN
#: Stands for a URL or e-mail address: a token that keeps the one space that sets it off.
PROTECTED_ADDRESS = ADDRESS
#: Stands for markup (HTML, Markdown syntax): no space is added next to it.
PROTECTED_MARKUP = MARKUP


@lru_cache(maxsize=4096)
def masked(text: str) -> str:
    return mask(text)[0]


def guarded(find: Finder) -> Finder:
    def run(text: str, options: Options) -> Iterator[Change]:
        hidden = masked(text)
        if hidden is text or hidden == text:
            yield from find(text, options)
            return
        for change in find(hidden, options):
            touched = hidden[change.start : change.end] + change.replacement
            if not any(ch in touched for ch in PLACEHOLDERS):
                yield change

    return run


def guard(rule: Rule) -> Rule:
    """The rule, its finder (and its cheap precheck) run on the masked text."""
    if rule.find is None:
        return rule
    return dataclasses.replace(rule, find=guarded(rule.find), mask=masked)
