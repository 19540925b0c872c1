"""Limits on what users type into the web app's forms: the longest text each field takes and
the range of each number, in one place so forms, models and hand-read views agree.

Owns those numbers (the strict reading of typed text and numbers is `probation_inspection.typed`);
imports no Django, so models, forms and migrations all take the same figures from here.
"""

from __future__ import annotations

from collections.abc import Iterable

# The grammar of typed text and numbers is the core's (framework attributes read it too).
from probation_inspection.typed import NumberError, decimal_number, refused_text, whole_number

__all__ = ["NumberError", "decimal_number", "refused_text", "whole_number"]

# --- Text: the most characters each kind of field takes ------------------------------------
# Generous for real work (a long evidence note is a few hundred words), small enough that one
# request cannot store megabytes or copy them into the audit log.

#: A name: provider, delivery unit, document title, a person in the report details.
NAME = 200
#: A short label typed in an interview record: the interviewee's reference and their grade.
SHORT_LABEL = 50
#: A text case attribute an inspector types on the assessment page.
ATTRIBUTE_VALUE = 200
#: A note or comment: evidence on an answer, a substitution's detail, a moderation comment or
#: flag reason, a rating rationale, an interview answer, a presentation note, a
#: factual-accuracy comment.
NOTE = 5_000
#: A list of people: a meeting's participants, the report's inspectors.
PEOPLE = 2_000
#: A meeting's notes.
MEETING_NOTES = 20_000
#: One narrative section of the report (Markdown).
NARRATIVE_SECTION = 50_000
#: A generated methodology paragraph or the report's notice.
LONG_TEXT = 20_000
#: A published framework file's text: the untrusted-file limit on a framework upload (2 MiB)
#: can hold no more characters than bytes.
FRAMEWORK_TEXT = 2 * 1024 * 1024
#: A contextual fact's figure as typed ("151,788", "77%"), its period and its source.
FACT_FIGURE = 30
FACT_PERIOD = 100
FACT_SOURCE = 300


def overlong(fields: Iterable[tuple[str, int, str, str]]) -> list[tuple[str, str]]:
    """(field id, message) for each (text, limit, label, field id) over its limit: for views
    that read request.POST by hand, so they refuse before anything is stored or audited."""
    return [(field, message) for text, limit, label, field in fields
            if (message := refused_text(text, limit, label)) is not None]


def length_messages(label: str, limit: int) -> dict[str, str]:
    """A Django form field's ``error_messages`` for its max_length, naming the field."""
    return {"max_length": f"{label} must be {limit:,} characters or fewer "
                          "(it has %(show_value)d)"}


# --- Numbers -------------------------------------------------------------------------------

#: A draw's seed: the range a 32-bit generator seed takes, and what every spreadsheet and the
#: command line can write back exactly (1e30 is not a seed anyone could type again).
SEED_RANGE = (0, 2**32 - 1)
#: Confidence level in per cent: below 50 is no estimate at all, 100 would need every case.
CONFIDENCE_RANGE = (50.0, 99.9)
#: Margin of error in percentage points.
MARGIN_RANGE = (0.5, 50.0)
#: A version counter posted back by an edit form: PostgreSQL's integer column.
VERSION_RANGE = (0, 2**31 - 1)
#: A whole-number case attribute an inspector types (e.g. a count of appointments).
INTEGER_ATTRIBUTE_RANGE = (-1_000_000_000, 1_000_000_000)
