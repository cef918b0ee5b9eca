"""User text shown as plain text: never Markdown, KaTeX, HTML or a link.

Everything a user can type or a link can carry (spec texts, labels, link values, and
kl_core's messages that quote them) passes through here before it reaches
``st.markdown``-like elements (which render Markdown and ``$…$`` as KaTeX) or a plotly
label (which renders ``<a>``, ``<b>``, ``<br>``).
"""

from __future__ import annotations

import html
import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
# GFM turns http://…, www.… and a@b.c into links even when their punctuation is escaped;
# an invisible zero-width space before ':' and '@' and after "www" keeps them text.
_LINK_MARKS = re.compile(r"(\\[:@])|(?i:(www))")
_ZERO_WIDTH_SPACE = "\u200b"


def markdown(text: str) -> str:
    r"""`text` with every ASCII punctuation character backslash-escaped, so Markdown shows
    it as typed: no image, link, emphasis or ``$`` maths; line breaks become spaces, and
    a zero-width space keeps web and mail addresses from becoming links.

    Examples
    --------
    >>> markdown("![](u.gif) $x$")
    '\\!\\[\\]\\(u\\.gif\\) \\$x\\$'
    >>> markdown("http://x.io").replace("\u200b", "|")
    'http|\\:\\/\\/x\\.io'
    """
    escaped = _PUNCTUATION.sub(r"\\\1", str(text).replace("\n", " ").replace("\r", " "))
    return _LINK_MARKS.sub(
        lambda m: _ZERO_WIDTH_SPACE + m.group(1) if m.group(1) else m.group(2) + _ZERO_WIDTH_SPACE,
        escaped,
    )


def value(text: str, limit: int = 40) -> str:
    """A user's value quoted for a Markdown message: shortened to `limit` characters and
    escaped, between quotation marks.

    Examples
    --------
    >>> value("<b>x</b>")
    '“\\\\<b\\\\>x\\\\<\\\\/b\\\\>”'
    """
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"“{markdown(text)}”"


def plotly(text: str) -> str:
    """`text` for a plotly label or tick: ``<`` and ``&`` as entities, so plotly draws
    them instead of reading tags.

    Examples
    --------
    >>> plotly("<a href='http://x.io'>z")
    "&lt;a href='http://x.io'&gt;z"
    """
    return html.escape(str(text), quote=False)
