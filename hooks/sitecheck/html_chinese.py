"""Mark Chinese text in rendered HTML with its language, so screen readers switch to a
Chinese voice and browsers pick a Chinese font. A plain function over HTML text."""
from __future__ import annotations

import re

LANG = "zh-Hans"
# A run starts with a Han character and may go on through Han characters, CJK
# punctuation and full-width forms (e.g. 安全评估（数据出境）).
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]*")
_TAG = re.compile(r"(<[^<>]*>)")  # [^<>]: a stray "<" ends the try at once (linear)
# Elements whose text is not prose to mark (scripts, styles) or is already marked.
_SKIP_OPEN = re.compile(r"<(script|style|textarea)\b|<[^>]*\blang=", re.I)


def mark_chinese(html: str) -> str:
    """Wrap every run of Chinese characters outside tags in <span lang="zh-Hans">,
    leaving scripts, styles and elements that already declare a language alone."""
    if not _RUN.search(html):
        return html
    out, skip_stack = [], []
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if part.startswith("</"):
                if skip_stack and skip_stack[-1] == tag:
                    skip_stack.pop()
            elif _SKIP_OPEN.match(part) and not part.endswith("/>"):
                skip_stack.append(tag)
            out.append(part)
        elif skip_stack:
            out.append(part)
        else:
            out.append(_RUN.sub(lambda m: f'<span lang="{LANG}">{m.group(0)}</span>', part))
    return "".join(out)
