"""The Markdown export of notes: structure, safety against hostile notes and
briefing text, the golden file, and atomic writing.

Regenerate the golden file with ``UPDATE_GOLDEN=1 pytest tests/test_notes_export.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from markdown_it import MarkdownIt

from briefing_tui.model.schema import Briefing
from briefing_tui.notes import export as export_module, mdsafe
from briefing_tui.notes.errors import ExportError, ExportExists, NotesError
from briefing_tui.notes.export import default_export_name, render_markdown, write_atomic
from briefing_tui.notes.store import GENERAL_NOTE, Note

GOLDEN = Path(__file__).parent / "golden" / "notes_export.md"
EXPORTED_AT = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
BRIEFING_ID = "atl-lem"

BRIEFING_DATA = {
    "format": 1,
    "meta": {
        "id": BRIEFING_ID,
        "title": "Atlantis–Lemuria relations",
        "parties": ["Atlantis", "Lemuria"],
        "as_of": "2009-01-20",
        "summary": "Two fictional states.",
    },
    "overview": {
        "facts": [
            {
                "id": "fact-trade",
                "label": "Trade volume",
                "value": "EUR 2.1 bn (2008)",
                "sources": ["src-stats"],
            },
            {"id": "fact-embassy", "label": "Embassies", "value": "None since 1998."},
        ],
        "sections": [
            {
                "id": "sec-background",
                "title": "Background",
                "text": "First paragraph.\n\nSecond paragraph with *stars* and <b>tags</b>.\n"
                "# not a heading\n- not a list\n1. not a list either\n---\n```\n> not a quote",
            }
        ],
    },
    "timeline": [
        {
            "id": "ev-talks",
            "date": "2009-01-20",
            "title": "Talks resume",
            "detail": "Both sides met in Geneva.",
            "sources": ["src-report"],
        },
        {"id": "ev-rupture", "date": "1998-10", "title": "Relations cut", "date_label": "autumn 1998"},
    ],
    "recommendations": [
        {
            "number": 3,
            "id": "rec-dialogue",
            "title": "Keep talking",
            "text": "Hold regular talks.",
        },
        {
            "number": 4,
            "id": "rec-embassy",
            "title": "Reopen the embassy",
            "text": "Reopen the embassy in Lemuria City.\nStart with a liaison office.",
            "footnotes": [{"mark": "75", "text": "As proposed in the 2008 report.", "sources": ["src-report"]}],
            "sources": ["src-stats"],
        },
    ],
    "sources": [
        {
            "id": "src-stats",
            "title": "Trade statistics 2008",
            "kind": "dataset",
            "url": "https://example.org/stats",
        },
        {
            "id": "src-report",
            "title": "Annual report",
            "kind": "report",
            "publisher": "Ministry of Foreign Affairs",
            "date": "2008",
        },
    ],
}

#: The item headings of the briefing, in briefing order.
ITEM_HEADINGS = {
    "fact-trade": "Key fact — Trade volume",
    "fact-embassy": "Key fact — Embassies",
    "sec-background": "Section — Background",
    "ev-talks": "Timeline — 20 Jan 2009 — Talks resume",
    "ev-rupture": "Timeline — Oct 1998~ (autumn 1998) — Relations cut",
    "rec-dialogue": "Recommendation 3 — Keep talking",
    "rec-embassy": "Recommendation 4 — Reopen the embassy",
    "src-stats": "Source — Trade statistics 2008",
    "src-report": "Source — Annual report",
}
TITLE = "Atlantis–Lemuria relations — notes"


def make_briefing(**meta: str) -> Briefing:
    data = {**BRIEFING_DATA, "meta": {**BRIEFING_DATA["meta"], **meta}}
    return msgspec.convert(data, Briefing, strict=False)


def note(item_id: str, body: str, *, label: str = "", briefing_id: str = BRIEFING_ID) -> Note:
    when = datetime(2024, 4, 1, 9, 0, tzinfo=UTC)
    return Note(briefing_id, item_id, body, when, when, 1, label)


def golden_notes() -> list[Note]:
    """Fixed notes for the golden file, deliberately not in briefing order."""
    return [
        note("rec-embassy", "Push for this **before** the summit.\n\n- ask the MFA\n- ask the EU"),
        note("gone-item", "This one was about an old recommendation.", label="Recommendation 9 — Old"),
        note(GENERAL_NOTE, "Overall: cautious optimism.\nSecond line of the general note."),
        note("ev-talks", "# My summary\nThey met.\n\n```python\nprint('# not a heading')\n```"),
        note("fact-trade", "Check the 2009 figure."),
        note("src-report", "Hard to find; ask the library."),
        note("src-stats", "Numbers differ from the IMF's.", label="Source — Trade statistics 2008"),
    ]


md = MarkdownIt("commonmark")


def shown(inline_token: object) -> str:
    """The text an inline token shows (escapes resolved)."""
    children = getattr(inline_token, "children", None) or []
    return "".join(child.content for child in children)


def headings(text: str) -> list[tuple[str, str]]:
    """(tag, shown text) of every heading in the document."""
    tokens = md.parse(text)
    return [(tok.tag, shown(tokens[i + 1])) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def top_headings(text: str) -> list[tuple[str, str]]:
    """Headings of levels 1-3 -- the ones the export generates."""
    return [(tag, content) for tag, content in headings(text) if tag in ("h1", "h2", "h3")]


def blockquote_texts(text: str) -> list[str]:
    """The inline text inside each top-level block quote."""
    quotes: list[str] = []
    depth = 0
    for tok in md.parse(text):
        if tok.type == "blockquote_open":
            depth += 1
            if depth == 1:
                quotes.append("")
        elif tok.type == "blockquote_close":
            depth -= 1
        elif depth and tok.type == "inline":
            quotes[-1] += tok.content + "\n"
    return quotes


def rendered_text(text: str) -> str:
    """All inline and code text of the document, as a reader would see it."""
    parts = []
    for tok in md.parse(text):
        if tok.type == "inline":
            parts.append(shown(tok))
        elif tok.type in ("fence", "code_block"):
            parts.append(tok.content)
    return "\n".join(parts)


# ---------------------------------------------------------------- golden file


def test_golden_file() -> None:
    text = render_markdown(make_briefing(), golden_notes(), EXPORTED_AT)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    assert text == GOLDEN.read_text(encoding="utf-8"), "run with UPDATE_GOLDEN=1 and review the diff"


def test_golden_structure() -> None:
    text = render_markdown(make_briefing(), golden_notes(), EXPORTED_AT)
    assert top_headings(text) == [
        ("h1", TITLE),
        ("h2", "General note"),
        ("h2", ITEM_HEADINGS["rec-embassy"]),  # recommendations first, as the app leads with them
        ("h2", ITEM_HEADINGS["fact-trade"]),
        ("h2", ITEM_HEADINGS["ev-talks"]),
        ("h3", "My summary"),  # the note's own "# My summary", one level inside its item
        ("h2", ITEM_HEADINGS["src-stats"]),
        ("h2", ITEM_HEADINGS["src-report"]),
        ("h2", "Orphaned notes"),
        ("h3", "Recommendation 9 — Old"),
    ]
    # The note's own heading is demoted one level below the item's.
    assert ("h3", "My summary") in headings(text)
    assert "Parties: Atlantis, Lemuria · As of 20 Jan 2009 · Exported 1 May 2024, 12:30 UTC" in text
    quotes = blockquote_texts(text)
    assert "EUR 2.1 bn (2008)\n" in quotes
    assert "Both sides met in Geneva.\n" in quotes
    assert any(
        "Reopen the embassy in Lemuria City.\nStart with a liaison office." in q
        and "Footnote 75: As proposed in the 2008 report." in q
        for q in quotes
    )
    assert "Ministry of Foreign Affairs — 2008\n" in quotes
    assert "Link: <https://example.org/stats>" in text
    # Sources of a recommendation include its footnotes' sources, with URLs.
    section = text.split("## Recommendation 4")[1].split("\n## ")[0]
    assert "- Trade statistics 2008 — <https://example.org/stats>" in section
    assert "- Annual report" in section
    # Notes are there as written.
    for n in golden_notes():
        if n.item_id != "ev-talks":
            assert n.body in text
    assert "print('# not a heading')" in text


def test_is_valid_commonmark_and_ends_with_one_newline() -> None:
    text = render_markdown(make_briefing(), golden_notes(), EXPORTED_AT)
    md.parse(text)  # does not raise
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\r" not in text


def test_pure_same_inputs_same_output() -> None:
    briefing, notes = make_briefing(), golden_notes()
    first = render_markdown(briefing, notes, EXPORTED_AT)
    assert render_markdown(briefing, list(reversed(notes)), EXPORTED_AT) == first
    assert notes == golden_notes()


# ------------------------------------------------------------ what is shown


def test_only_header_without_notes() -> None:
    text = render_markdown(make_briefing(), [], EXPORTED_AT)
    assert top_headings(text) == [("h1", TITLE)]
    assert "General note" not in text and "Orphaned" not in text


def test_blank_notes_and_other_briefings_are_skipped() -> None:
    notes = [note("fact-trade", "  \n\t\n"), note("rec-embassy", "elsewhere", briefing_id="other")]
    text = render_markdown(make_briefing(), notes, EXPORTED_AT)
    assert top_headings(text) == [("h1", TITLE)]


def test_general_note_only() -> None:
    text = render_markdown(make_briefing(), [note(GENERAL_NOTE, "Just this.")], EXPORTED_AT)
    assert top_headings(text) == [("h1", TITLE), ("h2", "General note")]
    assert text.rstrip().endswith("Just this.")


def test_items_in_briefing_order_and_orphans_last() -> None:
    notes = [note(item, f"note on {item}") for item in reversed(list(ITEM_HEADINGS))]
    notes += [note("zz-gone", "z", label="Zeta item"), note("aa-gone", "a", label="alpha item")]
    text = render_markdown(make_briefing(), notes, EXPORTED_AT)
    assert top_headings(text) == [
        ("h1", TITLE),
        *[("h2", heading) for item, heading in ITEM_HEADINGS.items() if item.startswith("rec-")],
        *[("h2", heading) for item, heading in ITEM_HEADINGS.items() if not item.startswith("rec-")],
        ("h2", "Orphaned notes"),
        ("h3", "alpha item"),
        ("h3", "Zeta item"),
    ]


def test_orphan_without_label_uses_its_id_and_says_it_is_gone() -> None:
    text = render_markdown(make_briefing(), [note("rec-old", "old note")], EXPORTED_AT)
    assert top_headings(text)[-2:] == [("h2", "Orphaned notes"), ("h3", "rec-old")]
    assert "no longer in the briefing" in rendered_text(text)
    assert text.rstrip().endswith("old note")


def test_event_without_detail_has_no_quote() -> None:
    text = render_markdown(make_briefing(), [note("ev-rupture", "why?")], EXPORTED_AT)
    assert blockquote_texts(text) == []
    assert ("h2", "Timeline — Oct 1998~ (autumn 1998) — Relations cut") in headings(text)


def test_briefing_text_is_quoted_literally() -> None:
    """Briefing text is plain text: nothing in it becomes structure or markup."""
    text = render_markdown(make_briefing(), [note("sec-background", "n")], EXPORTED_AT)
    tokens = md.parse(text)
    kinds = {tok.type for tok in tokens}
    assert not kinds & {"bullet_list_open", "ordered_list_open", "fence", "html_block", "hr"}
    assert [tok.type for tok in tokens].count("blockquote_open") == 1
    quote = blockquote_texts(text)[0]
    for line in ("# not a heading", "- not a list", "1. not a list either", "> not a quote"):
        assert line in rendered_text(text)
    assert "First paragraph." in quote
    inline = [t for t in tokens if t.type == "inline" and "stars" in t.content][0]
    assert not any(child.type in ("em_open", "html_inline") for child in inline.children or [])
    assert "*stars* and <b>tags</b>" in rendered_text(text)


def test_hostile_briefing_titles_stay_on_their_heading() -> None:
    briefing = make_briefing(title="Evil #\n# Injected\n## Orphaned notes")
    text = render_markdown(briefing, [note(GENERAL_NOTE, "x")], EXPORTED_AT)
    assert top_headings(text) == [
        ("h1", "Evil # # Injected ## Orphaned notes — notes"),
        ("h2", "General note"),
    ]


def test_control_characters_never_reach_the_markdown() -> None:
    controls = "\x1b[31m red \x07 bell \x9b31m c1 \x7f del \x00 nul \x08 \u202e bidi"
    briefing = make_briefing(title=f"Title {controls}")
    notes = [
        note(GENERAL_NOTE, f"general {controls}\r\nsecond line\rlone CR"),
        note("fact-trade", controls),
        note("old", "orphan", label=f"Label {controls}"),
    ]
    text = render_markdown(briefing, notes, EXPORTED_AT)
    for char in "\x1b\x07\x9b\x7f\x00\x08\u202e\r":
        assert char not in text
    assert "\u241b[31m red" in text  # ESC shown as its control picture, ␛
    assert "second line" in text


# ------------------------------------------------------------- hostile notes

HOSTILE_NOTES = {
    "atx": "# Top\n## Orphaned notes\n### Recommendation 4 — Reopen the embassy\n#### four\n###### six",
    "atx-closing": "#### deep ####\n##### five #\n####\n#",
    "setext": "Looks like a title\n===\nAnother\n---\n-\nthird\n=",
    "fence-unclosed-backtick": "text\n```\n## Orphaned notes\n# h1",
    "fence-unclosed-tilde": "~~~~ python\n## inside\n~~~",
    "fence-nested-lengths": "````\n```\n## still code\n```",
    "fence-indented": " ```\n## Orphaned notes\n   ~~~\n# x",
    "fence-in-list": "- item\n  ```\n# Orphaned notes",
    "fence-in-quote": "> ```\n> # quoted\n## Orphaned notes",
    "fence-backtick-info": "```a`b\n## Orphaned notes",
    "html-comment": "<!-- unclosed comment\n## Orphaned notes",
    "html-script": "<script>\n## Orphaned notes\n```",
    "html-div": "<div>\n```\n## Orphaned notes",
    "html-pi-cdata": "<?php\n<![CDATA[\n<!DOCTYPE x\n## h",
    "html-in-list": "- <pre>\n# Orphaned notes",
    "rules": "---\n***\n___\n- - -",
    "quote-and-list-headings": "> # quoted heading\n> ## two\n- # listed\n1. ## numbered\n  - ### nested",
    "lazy": "> quote\ncontinued\n===",
    "indented-code": "    # code comment\n    ```",
    "orphan-lookalike": "\n\n## Orphaned notes\n\n### gone\n\n*This item is no longer in the briefing.*",
    "trailing-hard-break": "ends with backslash\\",
    "link-definition": "[evil]: https://evil.example 'title\n## Orphaned notes",
    "tabs": "\t# tab heading\n\t```\n#\tTab after hashes",
}


def _render_hostile(body: str) -> str:
    notes = [
        note(GENERAL_NOTE, body),
        note("fact-trade", body),
        note("rec-embassy", body),
        note("gone-item", body, label="Old item"),
        note("zz-gone", "last words", label="Zeta"),
    ]
    return render_markdown(make_briefing(), notes, EXPORTED_AT)


EXPECTED_HOSTILE = [
    ("h1", TITLE),
    ("h2", "General note"),
    ("h2", ITEM_HEADINGS["rec-embassy"]),
    ("h2", ITEM_HEADINGS["fact-trade"]),
    ("h2", "Orphaned notes"),
    ("h3", "Old item"),
    ("h3", "Zeta"),
]


def assert_structure_intact(text: str, *, blank: bool = False) -> None:
    """The generated headings, and only they, at levels 1-2, and at level 3 in
    the orphans' section (a note's own headings sit one level inside its item:
    an h3 in an item's section is the note's), none nested; the item text still
    quoted; the last note still a paragraph of its own. ``blank``: the hostile
    note was blank, so only the last orphan is shown."""
    only_last = [("h1", TITLE), ("h2", "Orphaned notes"), ("h3", "Zeta")]
    expected = only_last if blank else EXPECTED_HOSTILE
    tokens = md.parse(text)
    top = [
        (tok.tag, shown(tokens[i + 1]), tok.level)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag in ("h1", "h2", "h3")
    ]
    heading = ("h2", "Orphaned notes")
    orphans_at = next((n for n, (tag, content, _) in enumerate(top) if (tag, content) == heading), None)
    generated = [
        (tag, content, level)
        for n, (tag, content, level) in enumerate(top)
        if tag != "h3" or (orphans_at is not None and n > orphans_at)
    ]
    assert [(tag, content) for tag, content, _ in generated] == expected
    assert all(level == 0 for _, _, level in generated), "a generated heading ended up nested"
    assert blank or any("Reopen the embassy in Lemuria City." in q for q in blockquote_texts(text))
    assert tokens[-3].type == "paragraph_open" and tokens[-2].content == "last words"


@pytest.mark.parametrize("name", sorted(HOSTILE_NOTES))
def test_hostile_notes_keep_the_structure(name: str) -> None:
    text = _render_hostile(HOSTILE_NOTES[name])
    assert_structure_intact(text)


def test_hostile_note_text_is_still_readable() -> None:
    text = _render_hostile(HOSTILE_NOTES["atx"] + "\n" + HOSTILE_NOTES["setext"])
    shown = rendered_text(text)
    for words in ("Top", "four", "six", "Looks like a title", "Another", "third"):
        assert words in shown
    assert ("h3", "Top") in headings(text)  # one level inside its item
    assert ("h4", "Orphaned notes") in headings(text)
    assert "**four**" in text


def test_unclosed_fence_is_closed_at_the_end_of_the_note() -> None:
    text = render_markdown(make_briefing(), [note("fact-trade", "```js\nlet x = 1;"), note("zz", "after")], EXPORTED_AT)
    fences = [tok for tok in md.parse(text) if tok.type == "fence"]
    assert [(f.info, f.content) for f in fences] == [("js", "let x = 1;\n")]


def test_ordinary_markdown_in_notes_is_kept_byte_for_byte() -> None:
    body = (
        "Some *emphasis*, **bold**, `code` and a [link](https://example.org).\n"
        "Trailing spaces for a break  \n"
        "next line\n\n"
        "- one\n- two\n  - nested\n\n"
        "1. first\n2. second\n\n"
        "> a quote\n\n"
        "```python\n# a comment in a fenced block\nprint('hi')\n```\n\n"
        "~~~\n## also code\n~~~\n\n"
        "---\n\n"
        "<https://example.org/autolink> and <me@example.org>\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    text = render_markdown(make_briefing(), [note("fact-trade", body)], EXPORTED_AT)
    assert body in text


LINES = st.sampled_from(
    [
        "",
        "   ",
        "text",
        "# h1",
        "## Orphaned notes",
        "### h3",
        "#### h4",
        "####### seven",
        "===",
        "---",
        "-",
        "=",
        "***",
        "```",
        "````",
        "~~~",
        "``` info",
        "```a`b",
        " ```",
        "  ~~~",
        "   ```",
        "    ```",
        "\t```",
        "> ```",
        "- ```",
        "  ```",
        "> # quoted",
        ">",
        "> text",
        "- item",
        "  continued",
        "1. item",
        "    indented",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<div>",
        "<pre>",
        "<?",
        "?>",
        "<![CDATA[",
        "]]>",
        "<!X",
        "<http://x.example>",
        "<b>x</b>",
        "[ref]: /url 'title",
        "'",
        "\\",
        "- # h",
        "> ## h",
        "1. ### h",
    ]
)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=12))
def test_fuzz_hostile_notes_keep_the_structure(lines: list[str]) -> None:
    body = "\n".join(lines)
    assert_structure_intact(_render_hostile(body), blank=not mdsafe.note_block(body))


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from("#=-`~<>!?* \t\n\\[]:'x1.)"), max_size=80))
def test_fuzz_random_markdown_characters_keep_the_structure(body: str) -> None:
    assert_structure_intact(_render_hostile(body), blank=not mdsafe.note_block(body))


def test_autolinks_and_quotes_of_odd_text() -> None:
    assert mdsafe.autolink("https://example.org/a b>c<d") == "<https://example.org/a%20b%3Ec%3Cd>"
    assert mdsafe.autolink("javascript:alert(1)") is None
    assert mdsafe.autolink("https://x.example/\x1b[2J") == "<https://x.example/\u241b[2J>"
    assert mdsafe.blockquote("  # a\n\n- b\n2) c\n===\n\n\n") == [
        "> \\# a",
        ">",
        "> \\- b",
        "> 2\\) c",
        "> \\===",
    ]
    assert mdsafe.heading_text("C# & <b> [x] #") == "C\\# & \\<b> \\[x\\] \\#"
    assert mdsafe.inline("&amp; &#35; & AT&T") == "\\&amp; \\&#35; & AT&T"


def test_note_block_leaves_plain_lines_alone() -> None:
    assert mdsafe.note_block("a\n\n\nb  \n") == ["a", "", "", "b  "]
    assert mdsafe.note_block("\n \n") == []


# -------------------------------------------------------------------- naming


def test_default_export_name() -> None:
    assert default_export_name(make_briefing()) == "atl-lem-notes.md"


# -------------------------------------------------------------- write_atomic


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_write_atomic_writes_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    assert write_atomic(target, "héllo — ✓\n") == target
    assert target.read_bytes() == "héllo — ✓\n".encode()
    assert _leftovers(tmp_path, {"out.md"}) == []


def test_write_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("original", encoding="utf-8")
    with pytest.raises(ExportExists) as info:
        write_atomic(target, "new")
    assert isinstance(info.value, NotesError)
    assert "already exists" in str(info.value)
    assert target.read_text(encoding="utf-8") == "original"
    assert _leftovers(tmp_path, {"out.md"}) == []


def test_write_atomic_overwrites_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("original", encoding="utf-8")
    write_atomic(target, "new", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert _leftovers(tmp_path, {"out.md"}) == []


def test_write_atomic_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(export_module.os, "link", no_links)
    target = tmp_path / "out.md"
    write_atomic(target, "text")
    assert target.read_text(encoding="utf-8") == "text"
    with pytest.raises(ExportExists):
        write_atomic(target, "again")
    assert _leftovers(tmp_path, {"out.md"}) == []


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failed_write_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out.md"
    target.write_text("original", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module.os, failing, boom)
    with pytest.raises(ExportError) as info:
        write_atomic(target, "new text " * 1000, overwrite=True)
    monkeypatch.undo()
    assert "No space left on device" in str(info.value)
    assert "Nothing was written" in str(info.value)
    assert target.read_text(encoding="utf-8") == "original"
    assert _leftovers(tmp_path, {"out.md"}) == []


def test_failed_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(export_module.os, "fsync", boom)
    with pytest.raises(ExportError):
        write_atomic(tmp_path / "new.md", "text")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_plain_errors(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "out.md", "x")
    with pytest.raises(ExportError, match="is a folder"):
        write_atomic(tmp_path, "x", overwrite=True)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        write_atomic(blocker / "out.md", "x")


def test_export_time_is_shown_in_utc() -> None:
    later = datetime(2024, 5, 1, 23, 30, tzinfo=timezone(timedelta(hours=-2)))
    text = render_markdown(make_briefing(), [], later)
    assert "Exported 2 May 2024, 01:30 UTC" in text
