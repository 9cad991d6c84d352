"""The search index's word separator. Material's search adds a trailing wildcard to every
word of a query, so short function words match whole families of longer ones ("is" finds
island, issues, issued) and bury the page a quoted sentence comes from. Treating them as
separators drops them from the index and from queries alike, as lunr's stop-word filter
would have done had the wildcard not bypassed it."""
from __future__ import annotations

# Short English words that carry no meaning of their own in a query and are prefixes of
# many content words. Nothing longer is needed: long stop words prefix few other words.
FUNCTION_WORDS = ("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its",
                  "of", "on", "or", "than", "that", "the", "this", "to", "was", "were", "with")


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" for c in word)


# Punctuation around words ("confrontation," or “decoupling”) is a separator too, and a
# full stop unless a digit follows (1.5). lunr's own trimmer would do this, but it also
# strips every Chinese character, so the index runs without it.
PUNCTUATION = '[,;:!?"()\\[\\]\u201c\u201d\u2018\u2019]+|\\.(?!\\d)'


def separator(base: str) -> str:
    """`base` (Material's documented separator for jieba-segmented Chinese) plus
    punctuation and the function words, matched whole and in any case (lunr's separator
    has no flags)."""
    words = "|".join(_any_case(w) for w in sorted(FUNCTION_WORDS, key=len, reverse=True))
    return f"{base}|{PUNCTUATION}|\\b(?:{words})\\b"
