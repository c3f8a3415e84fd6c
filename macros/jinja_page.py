"""Wrap every page's text in one Jinja filter, so any builder that runs macros also wraps cards.

MkDocs' macros plugin calls `on_post_page_macros` after a page's macros ran; Zensical's macros
never do. Both compile a page's text with `Environment.from_string` and both accept Jinja
extensions (`j2_extensions` in mkdocs.yml), so the wrapping lives here: the page text becomes the
body of `{% filter werkkaarten_page %}`, and the filter (registered by `define_env`) adds the
card's or checklist's generated header and footer to the rendered text. Nothing depends on one
builder's call order or hooks.
"""

from __future__ import annotations

from jinja2.ext import Extension

#: The filter `define_env` registers; it receives a page's rendered text.
PAGE_FILTER = "werkkaarten_page"


class WrapPage(Extension):
    """Only page texts are wrapped: they are compiled from a string, without a template name.

    Templates loaded by name (an `{% include %}`) are parts of a page and are not wrapped again.
    No line is added before the text, so Jinja's error line numbers stay those of the file.
    """

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name is not None:
            return source
        return f"{{% filter {PAGE_FILTER} %}}{source}{{% endfilter %}}"
