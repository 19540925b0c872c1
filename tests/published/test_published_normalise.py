"""Unit tests for the normaliser: markup, entities, footnote markers, spacing, broken words."""

from __future__ import annotations

from probation_inspection.published.normalise import normalise, repair_broken_words, strip_markup


def test_html_tags_go_and_block_tags_separate_words() -> None:
    text = "<p><b>2.1. Assessment</b></p><td>Requires</td><td>improvement</td>"
    assert normalise(text) == "2.1. Assessment Requires improvement"


def test_inline_tags_do_not_split_a_word() -> None:
    assert normalise("Plan<i>ning</i> is <span>good</span>") == "Planning is good"


def test_entities_are_decoded_after_tags_are_removed() -> None:
    assert normalise("Staffordshire &amp; West Midlands &lt;b&gt;") == (
        "Staffordshire & West Midlands <b>"
    )


def test_every_footnote_marker_form_becomes_one_form() -> None:
    forms = [
        "safe? ^{12 13} 48%",
        "safe? ¹²&nbsp;¹³ 48%",
        "safe? <sup>12</sup><sup>13</sup> 48%",
        "safe? [^12] [^13] 48%",
    ]
    assert {normalise(form) for form in forms} == {"safe? [^12] [^13] 48%"}


def test_a_single_superscript_run_is_one_marker() -> None:
    assert normalise("Planning¹³ rated") == "Planning [^13] rated"


def test_markdown_headings_rules_emphasis_and_links() -> None:
    text = "## Contextual facts\n\n---\n\n**154,471**\n\n[www.example.org](http://www.example.org)"
    assert normalise(text) == "Contextual facts 154,471 www.example.org"


def test_tabs_newlines_and_runs_of_spaces_become_single_spaces() -> None:
    assert normalise("1.1\tLeadership\t\tGood\t\n\n 1.2  Staff") == "1.1 Leadership Good 1.2 Staff"


def test_typographic_quotes_dashes_and_ligatures_are_plain() -> None:
    assert normalise("‘Requires improvement’ – ﬁne") == "'Requires improvement' - fine"


def test_broken_word_is_joined_when_the_document_knows_the_word() -> None:
    assert repair_broken_words("Forewo rd ... Foreword") == "Foreword ... Foreword"


def test_two_real_words_are_not_joined() -> None:
    text = "in to the garden; into the house; in the town; to the sea"
    assert repair_broken_words(text) == text


def test_fragment_not_known_as_a_word_stays_apart() -> None:
    assert repair_broken_words("Summa ry of ratings") == "Summa ry of ratings"


def test_normalising_twice_changes_nothing() -> None:
    text = "<h1>Title</h1>\n\n**Good** ^{4} &amp; Forewo\trd Foreword"
    once = normalise(text)
    assert normalise(once) == once


def test_markup_only_is_stripped_before_spacing() -> None:
    assert "<" not in strip_markup("<table><tr><td>x</td></tr></table>")
