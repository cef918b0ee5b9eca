"""Ask the browser for the live explorer's code with the page, not after it.

Without this, a live view's modules are fetched only once Streamlit's frontend has
loaded, connected, received the page's elements and mounted the component: one more
round trip at the end of the first view. The page shell's response (``index.html``,
the same for every page) carries a ``Link`` header instead, so the browser fetches and
compiles the modules (``rel=modulepreload``) and the stylesheet (``rel=preload``) while
Streamlit's own code loads. Every URL carries the code's digest (see :mod:`kl_ui.live`),
so a preload never fetches another version's code than the one the page imports.

The plotly.js bundle is not preloaded: at 20 Mbit/s its 1.5 MB competed with
Streamlit's own code and made the first number later (bench/preload.py). ``PRELOAD=0``
in serve.py's environment turns the header off (the benchmark's baseline).
"""

from __future__ import annotations

HTML = b"text/html"


def link_header() -> str:
    """The ``Link`` header value: one entry per module of the live explorer, and its
    stylesheet.

    >>> header = link_header()
    >>> "/explorer.js>; rel=modulepreload" in header and "explorer.css>" in header
    True
    >>> "plotly" in header
    False
    """
    from kl_ui import live

    links = [f"<{url}>; rel=modulepreload" for url in live.module_urls()]
    links.append(f"<{live.assets_url()}{live.STYLESHEET}>; rel=preload; as=style")
    return ", ".join(links)


class Preload:
    """ASGI middleware: adds :func:`link_header` to every HTML response (the page shell)."""

    def __init__(self, app):
        self.app = app
        self.header: bytes | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_links(message):
            if message["type"] == "http.response.start" and _is_html(message):
                if self.header is None:
                    self.header = link_header().encode("latin-1")
                message = message | {"headers": [*message["headers"], (b"link", self.header)]}
            await send(message)

        return await self.app(scope, receive, send_with_links)


def _is_html(message: dict) -> bool:
    return any(
        name.lower() == b"content-type" and value.startswith(HTML)
        for name, value in message.get("headers", [])
    )
