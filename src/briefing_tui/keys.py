"""Every key binding of the app, in one place.

Each binding has an id, so users can remap it (``BRIEFING_TUI_KEYS``, see
:func:`read_keymap`), and the help screen is built from these same lists, so
a binding cannot exist without its help entry.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP: list[BindingType] = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark", "help", "Help", id="help", key_display="?"),
]

BRIEFING: list[BindingType] = [
    Binding("1", "show_pane('overview')", "Overview", id="pane-overview", show=False),
    Binding("2", "show_pane('timeline')", "Timeline", id="pane-timeline", show=False),
    Binding("3", "show_pane('recommendations')", "Recommendations", id="pane-recommendations", show=False),
    Binding("4", "show_pane('sources')", "Sources", id="pane-sources", show=False),
    Binding("5", "show_pane('notes')", "Notes", id="pane-notes", show=False),
    Binding("escape", "back", "Back", id="back"),
    Binding("d", "focus_detail", "Detail", id="focus-detail", show=False),
    Binding("slash", "open_search", "Search", id="search-open", key_display="/"),
    Binding("ctrl+f", "open_search", "Search", id="search-open-alt", show=False),
    # After opening a search result, n/N step through the hits until Escape;
    # the rest of the time n is the note key (a always is).
    Binding("n", "next_hit", "Next hit", id="search-next"),
    Binding("N", "previous_hit", "Previous hit", id="search-previous", key_display="N"),
    Binding("n", "edit_note", "Note", id="note-edit"),
    Binding("a", "annotate", "Note", id="note-edit-alt", show=False),
    Binding("x", "delete_note", "Delete note", id="note-delete", show=False),
    Binding("e", "export_notes", "Export", id="notes-export"),
]

SEARCH: list[BindingType] = [
    Binding("escape", "close", "Close search", id="search-close"),
    Binding("down", "results_down", "Next result", id="search-result-down", show=False),
    Binding("up", "results_up", "Previous result", id="search-result-up", show=False),
]

#: The query language, for the help screen (and the README says the same).
QUERY_HELP: list[tuple[str, str]] = [
    ("sanctions visa", "all the words (AND), anywhere; the last word also matches as a prefix"),
    ('"civil society"', "an exact phrase"),
    ("Lukashenko, Belarus-Netherlands", "case, accents, dashes and quotes do not matter"),
    ("sanction / sanctions", "singular and plural match each other"),
    ("in:recs (events, facts, sections, sources, notes)", "only items of one kind"),
    ("tag:visas  actor:EU", "by tag or theme, by who a recommendation addresses"),
    ("year:2008  2006..2009  year:..2009", "by year or range of years"),
    ("#4", "recommendation 4"),
]

LIST: list[BindingType] = [
    Binding("down,j", "cursor_down", "Down", id="list-down", show=False, key_display="↓ j"),
    Binding("up,k", "cursor_up", "Up", id="list-up", show=False, key_display="↑ k"),
    Binding("pagedown", "page_down", "Page down", id="list-page-down", show=False, key_display="pgdn"),
    Binding("pageup", "page_up", "Page up", id="list-page-up", show=False, key_display="pgup"),
    Binding("home,g", "first", "First", id="list-first", show=False, key_display="home g"),
    Binding("end,G", "last", "Last", id="list-last", show=False, key_display="end G"),
    Binding("enter", "select", "Open", id="list-open", show=False),
]

TABS: list[BindingType] = [
    Binding("right,l", "next_tab", "Next pane", id="tabs-next", show=False, key_display="→ l"),
    Binding("left,h", "previous_tab", "Previous pane", id="tabs-previous", show=False, key_display="← h"),
]

TIMELINE: list[BindingType] = [
    Binding("t", "filter_tag", "Tag filter", id="timeline-tag-filter"),
]

LIBRARY: list[BindingType] = [
    Binding("r", "reload", "Reload", id="library-reload"),
]

DIALOG: list[BindingType] = [
    Binding("escape", "close", "Close", id="dialog-close"),
]

HELP_DIALOG: list[BindingType] = [
    Binding("question_mark", "close", "Close help", id="help-close", show=False, key_display="?"),
]

#: Keys that Textual itself provides, listed in the help screen for completeness.
BUILTIN_HELP: list[tuple[str, str]] = [
    ("ctrl+p", "Palette: jump to any item, change theme"),
    ("tab, shift+tab", "Move focus: list, detail pane, tabs"),
    ("↑ ↓ pgup pgdn", "Scroll the detail pane"),
    ("ctrl+q", "Quit"),
]


#: (section title, bindings) as the help screen shows them.
def _only(group: list[BindingType]) -> list[Binding]:
    """The bindings of a group (all of ours are Binding objects, with ids)."""
    return [binding for binding in group if isinstance(binding, Binding)]


HELP_SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", _only(APP)),
    ("Briefing", _only(BRIEFING)),
    ("Lists", _only(LIST)),
    ("Tab bar (when focused)", _only(TABS)),
    ("Timeline", _only(TIMELINE)),
    ("Search bar", _only(SEARCH)),
    ("Library", _only(LIBRARY)),
    ("Dialogs", _only(DIALOG)),
    ("Help", _only(HELP_DIALOG)),
]


def all_bindings() -> list[Binding]:
    return [binding for _, bindings in HELP_SECTIONS for binding in bindings]


def read_keymap(text: str) -> tuple[dict[str, str], list[str]]:
    """``"pane-overview=o,quit=ctrl+q"`` -> ``({"pane-overview": "o", "quit": "ctrl+q"}, [])``.

    Entries separated by commas (or semicolons, when a key is a comma).
    Unknown ids and malformed entries are left out of the keymap and
    described in the list of problems.
    """
    known = {binding.id for binding in all_bindings()}
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for entry in text.split(";" if ";" in text else ","):
        if not entry.strip():
            continue
        binding_id, sep, key = entry.partition("=")
        binding_id, key = binding_id.strip(), key.strip()
        if not sep or not key:
            problems.append(f"{entry.strip()!r} is not of the form id=key")
        elif binding_id not in known:
            problems.append(f"{binding_id!r} is not a binding id")
        else:
            keymap[binding_id] = key
    return keymap, problems
