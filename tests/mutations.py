"""Hypothesis strategies for hostile files: fixtures with mutated bytes, and plain noise.

Shared by the command-line and upload fuzz tests (tests/cli/test_fuzz_parsers.py and
tests/web/test_fuzz_uploads.py).
"""

from __future__ import annotations

from hypothesis import strategies as st

#: Byte strings that trouble parsers: line ends, NUL, quotes, deep brackets, a BOM, long
#: digits, separators, YAML and PDF syntax.
TROUBLE = (b"\r", b"\n", b"\r\n", b"\x00", b'"', b"'", b"[" * 200, b"{" * 200, b"\xef\xbb\xbf",
           b"9" * 5000, b",", b";", b"\t", b"\x1b", b"\xff\xfe", b": ", b"- ", b"&a ", b"*a",
           b"!!python/object:os.system", b"%PDF-1.4", b"stream\n", b"endobj", b"PK\x03\x04",
           b"=HYPERLINK(\"x\")", b"\xc3\x28", "é".encode(), b" " * 300)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` after a few random edits: byte changes, insertions, deletions, cuts."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["byte", "insert", "trouble", "delete", "cut", "repeat"]))
        if edit == "byte" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif edit == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=20))
        elif edit == "trouble":
            data[where:where] = draw(st.sampled_from(TROUBLE))
        elif edit == "delete":
            del data[where:where + draw(st.integers(1, 200))]
        elif edit == "cut":
            del data[where:]
        elif edit == "repeat" and where < len(data):
            end = min(len(data), where + draw(st.integers(1, 200)))
            data[end:end] = data[where:end] * draw(st.integers(1, 5))
    return bytes(data)


def hostile(original: bytes) -> st.SearchStrategy[bytes]:
    """Mostly mutations of a real file, sometimes noise, sometimes nothing at all."""
    return st.one_of(mutated(original), st.binary(max_size=300), st.just(b""))
