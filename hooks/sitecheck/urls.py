"""What a URL does once a browser reads it: browsers decode entities, drop tabs and
newlines anywhere and control characters and spaces at the ends before they look at
the scheme, so `java&#9;script:` is `javascript:`. Callers pass entity-decoded text."""
from __future__ import annotations

import re

_IGNORED = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*+):")
UNSAFE_SCHEMES = {"javascript", "vbscript", "data"}


def scheme(url: str) -> str | None:
    """The scheme a browser would see, lower-case, or None for a relative URL."""
    cleaned = _IGNORED.sub("", url).strip(_EDGES)
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_unsafe_url(url: str) -> bool:
    return scheme(url) in UNSAFE_SCHEMES


def loads_from_outside(url: str, srcset: bool = False) -> bool:
    """A resource URL the browser would fetch from another site (any scheme, or '//host')."""
    candidates = [part.strip().split(" ")[0] for part in url.split(",")] if srcset else [url]
    for candidate in candidates:
        cleaned = _IGNORED.sub("", candidate).strip(_EDGES).replace("\\", "/")
        if scheme(cleaned) is not None or cleaned.startswith("//"):
            return True
    return False
