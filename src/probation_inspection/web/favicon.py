"""The answer to /favicon.ico: browsers ask for it whatever the page links.

A permanent redirect to the static icon (served by WhiteNoise) instead of a 404 on every
first visit; pages link the SVG and ICO themselves from base.html.
"""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.views.generic import RedirectView


class Favicon(RedirectView):
    permanent = True

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str:
        return static("web/favicon.ico")
