"""The Content-Security-Policy in a real browser: the key pages load with no violation reported,
GOV.UK Frontend's script still runs and the report's charts keep their colours.
"""

from __future__ import annotations

from typing import Any

import pytest

from probation_inspection.web.casework.models import SampledCase
from probation_inspection.web.inspections.models import Inspection

from .conftest import Pages, sign_in

#: Collects every violation the browser reports, from before the page's own scripts run.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
                           + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


class Watched:
    """A signed-in page whose console and CSP violation events are recorded."""

    def __init__(self, pages: Pages, username: str) -> None:
        self.page = sign_in(pages, username)
        self.console: list[str] = []
        self.page.context.add_init_script(LISTEN)
        self.page.on("console", lambda message: self.console.append(
            f"{message.type}: {message.text}"))

    def visit(self, path: str, ready: str) -> Any:
        self.page.goto(path)
        self.page.wait_for_selector(ready)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def problems(self) -> list[str]:
        violations: list[str] = self.page.evaluate("() => window.__violations || []")
        policy = [line for line in self.console
                  if "Content Security Policy" in line or "Content-Security-Policy" in line]
        return violations + policy


def _gov_uk_frontend_ran(page: Any) -> None:
    assert "govuk-frontend-supported" in page.evaluate("() => document.body.className")
    # initAll() marks each component it starts: the module script ran under the policy.
    assert page.locator("[data-module='govuk-skip-link'][data-govuk-skip-link-init]").count() == 1


@pytest.mark.slow
def test_key_pages_load_with_no_content_security_policy_violation(
    pages: Pages, wales: Inspection
) -> None:
    anonymous = pages.new()
    messages: list[str] = []
    anonymous.on("console", lambda message: messages.append(message.text))
    response = anonymous.goto("/account/sign-in/")
    assert response is not None
    assert "default-src 'self'" in response.headers["content-security-policy"]
    anonymous.wait_for_load_state("networkidle")
    assert not [text for text in messages if "Content Security Policy" in text]
    _gov_uk_frontend_ran(anonymous)

    lead = Watched(pages, "lead")
    case = SampledCase.objects.filter(sample__inspection=wales).order_by("pk").first()
    assert case is not None
    for path, ready in (
        (f"/inspections/{wales.pk}/", "main h1"),
        (f"/cases/{case.pk}/", "main form, main h1"),
        (f"/inspections/{wales.pk}/ratings/", "#overall"),
        (f"/inspections/{wales.pk}/report/", "#summary-of-ratings"),
        (f"/inspections/{wales.pk}/report/narrative/foreword/", "#id_text"),
    ):
        page = lead.visit(path, ready)
        assert lead.problems() == [], path
        _gov_uk_frontend_ran(page)

    # The report's charts: inline SVG drawn with presentation attributes (no inline style,
    # which the policy refuses), and those attributes applied.
    page = lead.visit(f"/inspections/{wales.pk}/report/", "#summary-of-ratings")
    assert page.locator("svg").count() > 0
    colours = page.evaluate("""() => {
        const bar = document.querySelector('svg [fill="#1d70b8"]');
        const line = document.querySelector('svg path');
        return [getComputedStyle(bar).fill, getComputedStyle(line).stroke,
                getComputedStyle(line).strokeWidth];
    }""")
    assert colours == ["rgb(29, 112, 184)", "rgb(11, 12, 12)", "0.8px"]
    overall = lead.visit(f"/inspections/{wales.pk}/ratings/", "#overall")
    assert overall.evaluate(
        "() => getComputedStyle(document.querySelector('#overall')).backgroundColor"
    ) == "rgb(29, 112, 184)"
    assert lead.problems() == []
