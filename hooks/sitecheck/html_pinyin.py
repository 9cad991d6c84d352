"""Make pinyin findable without its tone marks: readers type "zhongyao", the glossary
writes "zhòngyào". After each italic pinyin gloss the build adds its toneless spelling,
hidden from the eye and from screen readers, so the search index holds both."""
from __future__ import annotations

import re
import unicodedata

# A vowel with a tone mark (all four tones); a gloss is italics that carry one and
# follow Chinese characters closely (so French or Latin italics elsewhere are left alone).
_TONED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", re.I)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_EM = re.compile(r"<em>([^<]*)</em>")
NEAR = 30  # characters of HTML before the italics in which the Chinese must stand


def toneless(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def add_toneless_pinyin(html: str) -> str:
    def add(match: re.Match) -> str:
        text = match.group(1)
        if not _TONED.search(text) or not _HAN.search(html[max(0, match.start() - NEAR):match.start()]):
            return match.group(0)
        return f'{match.group(0)}<span class="visually-hidden" aria-hidden="true"> {toneless(text)}</span>'
    return _EM.sub(add, html)
