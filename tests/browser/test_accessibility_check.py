"""The accessibility check itself: axe-core must report a serious violation when there is one,
or the journey tests' clean results would prove nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Pages


def test_axe_reports_serious_violations(browser: Any) -> None:
    pages = Pages(browser, "http://127.0.0.1:9")
    page = pages.new()
    try:
        page.set_content(
            "<!DOCTYPE html><html lang='en'><head><title>Broken</title></head><body><main>"
            "<h1>Broken</h1><form><input type='text' id='name'></form>"
            "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='></main></body></html>"
        )
        with pytest.raises(AssertionError, match="image-alt|label"):
            pages.axe(page)
    finally:
        pages.close()
