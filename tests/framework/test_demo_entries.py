"""The demonstrations' framework and sample type are data in the library's demos.json, read
through one loader and checked against the framework they name."""

from __future__ import annotations

import json

import pytest

from probation_inspection.framework.library import (
    UnknownFramework,
    demo_framework,
    demo_sample_type,
    library_directory,
    load_framework,
)


def test_the_web_demo_sample_type_is_one_its_framework_declares() -> None:
    framework = load_framework(*demo_framework("web"))
    sample_type = demo_sample_type("web")
    assert sample_type in [definition.id for definition in framework.sample_types]
    # The same value the library's file names, not one written in code.
    named = json.loads((library_directory() / "demos.json").read_text(encoding="utf-8"))
    assert named["demos"]["web"]["sample_type"] == sample_type


def test_the_web_demo_reads_its_sample_type_from_the_library() -> None:
    from probation_inspection.web import demo

    assert demo_sample_type("web") == demo.SAMPLE_TYPE
    assert demo_framework("web") == demo.FRAMEWORK


def test_a_demo_naming_no_declared_sample_type_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from probation_inspection.framework import library

    entry = {"framework": demo_framework("web")[0], "version": demo_framework("web")[1],
             "sample_type": "no-such-sample"}
    monkeypatch.setattr(library, "_demo_entry", lambda demo: entry)
    with pytest.raises(UnknownFramework, match="no-such-sample"):
        demo_sample_type("web")
    monkeypatch.setattr(library, "_demo_entry", lambda demo: {**entry, "sample_type": None})
    with pytest.raises(UnknownFramework, match="names sample type None"):
        demo_sample_type("web")
