"""The main text of an HTML page, with the standard library's parser only.

A saved news page is mostly chrome: scripts, styles, navigation, headers and
footers, share buttons, forms, captions. None of it may reach a brief, so those
elements are skipped whole; when the page marks its content with <article> or
<main>, only that is kept. Block elements become paragraph breaks (one blank line)
because the sentence splitter and the cleaner work on lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser


def _wordset(words: str) -> frozenset[str]:
    """A set from whitespace-separated words (keeps long word lists readable)."""
    return frozenset(words.split())

_SKIP = _wordset("""
    script style noscript template svg canvas nav header footer aside form iframe button
    select textarea option figcaption object embed head title menu dialog""")
_BLOCK = _wordset("""
    p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table thead tbody tfoot td th blockquote
    section article main pre hr figure address details summary center fieldset""")
_VOID = _wordset("area base br col embed hr img input link meta param source track wbr")
_CHROME_ROLES = _wordset("navigation banner contentinfo complementary search menu dialog")
_CHROME_WORDS = _wordset("""
    nav navbar navigation menu footer sidebar share sharing social cookie cookies newsletter
    related comments advert advertisement ads promo breadcrumb breadcrumbs subscribe
    subscription masthead skip""")


@dataclass(frozen=True)
class Page:
    title: str
    text: str


def _is_chrome(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    if tag in _SKIP:
        return True
    values = dict(attrs)
    if "hidden" in values or values.get("aria-hidden") == "true":
        return True
    if (values.get("role") or "").lower() in _CHROME_ROLES:
        return True
    names = f"{values.get('class') or ''} {values.get('id') or ''}".lower()
    return any(word in _CHROME_WORDS for word in re.split(r"[\s_\-]+", names) if word)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a skipped region)
        self.skip = 0
        self.main = 0
        self.pre = 0
        self.blocks: list[list[str]] = [[]]
        self.main_blocks: list[list[str]] = [[]]
        self.title: list[str] = []
        self.h1: list[str] = []
        self.in_title = False
        self.in_h1 = False
        self.h1_done = False

    # -- structure --
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _VOID:
            if tag == "br":
                self._newline()
            elif tag == "hr":
                self._break()
            return
        if tag == "h1" and not self.h1_done and not self.skip:
            self.in_h1 = True
        chrome = self.skip == 0 and _is_chrome(tag, attrs) or self.skip > 0
        if self.skip == 0 and chrome:
            self.skip = 1
            self.stack.append((tag, True))
        else:
            if self.skip:
                self.skip += 1
            self.stack.append((tag, False))
        if tag in ("article", "main") and not self.skip:
            self.main += 1
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.h1_done = True
        if tag in _VOID:
            return
        # Pop to the matching open tag; tolerate unclosed inner tags (<p> without </p>).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                for name, _opened in self.stack[depth:]:
                    if self.skip:
                        self.skip -= 1
                    elif name in ("article", "main") and self.main:
                        self.main -= 1
                    if name == "pre" and self.pre:
                        self.pre -= 1
                del self.stack[depth:]
                break
        if tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    # -- text --
    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1.append(data)
        text = data if self.pre else re.sub(r"\s+", " ", data)
        self.blocks[-1].append(text)
        if self.main:
            self.main_blocks[-1].append(text)

    def _break(self) -> None:
        for blocks in (self.blocks, self.main_blocks):
            if blocks[-1]:
                blocks.append([])

    def _newline(self) -> None:
        if self.skip:
            return
        self.blocks[-1].append("\n")
        if self.main:
            self.main_blocks[-1].append("\n")


def _join(blocks: list[list[str]]) -> str:
    paragraphs = []
    for parts in blocks:
        lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
        para = "\n".join(line for line in lines if line)
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def looks_like_html(text: str) -> bool:
    """Whether text of unknown type is an HTML document (for stdin and extensionless files)."""
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:2000].lower()


def extract(markup: str) -> Page:
    """Title and main text (paragraphs separated by blank lines) of an HTML document."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    main = _join(parser.main_blocks)
    text = main if main else _join(parser.blocks)
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1).split())
    return Page(title=title, text=text)
