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
    Binding("c", "focus_links", "Links: what it cites, what cites it", id="focus-links", show=False),
    Binding("slash", "open_search", "Search", id="search-open", key_display="/"),
    Binding("number_sign", "go_to_number", "Go to recommendation N", id="go-to-number", show=False, key_display="#"),
    Binding("ctrl+f", "open_search", "Search", id="search-open-alt", show=False),
    # After opening a search result, n/N step through the hits until Escape;
    # the rest of the time n is the note key (a always is).
    Binding("n", "next_hit", "Next hit", id="search-next"),
    Binding("N", "previous_hit", "Previous hit", id="search-previous", key_display="N"),
    Binding("n", "edit_note", "Note", id="note-edit"),
    Binding("a", "annotate", "Note", id="note-edit-alt", show=False),
    Binding("x", "delete_note", "Delete note", id="note-delete", show=False),
    Binding("e", "export_notes", "Export", id="notes-export"),
    # Only where another file has this briefing's id and the notes are kept apart.
    Binding("S", "share_notes", "Share notes with the other copies", id="notes-share", show=False, key_display="S"),
]

SEARCH: list[BindingType] = [
    Binding("escape", "close", "Close search", id="search-close"),
    Binding("down", "results_down", "Next result", id="search-result-down", show=False),
    Binding("up", "results_up", "Previous result", id="search-result-up", show=False),
]

#: The palette's name for each binding that is an action worth a command
#: (navigation inside lists and dialogs is not).
PALETTE: dict[str, str] = {
    "pane-overview": "Show the Overview pane",
    "pane-timeline": "Show the Timeline pane",
    "pane-recommendations": "Show the Recommendations pane",
    "pane-sources": "Show the Sources pane",
    "pane-notes": "Show the Notes pane",
    "focus-detail": "Go to the detail pane",
    "focus-links": "Go to the links: what the item cites, what cites it",
    "search-open": "Search the briefing",
    "go-to-number": "Go to recommendation N (#N in the search bar)",
    "search-next": "Next search hit",
    "search-previous": "Previous search hit",
    "note-edit": "Write a note on the selected item",
    "note-delete": "Delete the selected item's note",
    "notes-export": "Export the notes to Markdown",
    "notes-share": "Share notes with the other copies (another file has this briefing's id)",
    "timeline-tag-filter": "Filter the timeline by tag",
    "timeline-year-previous": "Timeline: the previous year with events",
    "timeline-year-next": "Timeline: the next year with events",
    "help": "Help: every key",
    "quit": "Quit",
}

#: The query language, for the help screen (and the README says the same).
QUERY_HELP: list[tuple[str, str]] = [
    ("sanctions visa", "all the words (AND), anywhere; the last word also matches as a prefix"),
    ('"civil society"', "an exact phrase"),
    ("Lukashenko, Belarus-Netherlands", "case, accents, dashes and quotes do not matter"),
    ("sanction / sanctions", "singular and plural match each other"),
    ("in:recs (events, facts, sections, sources, notes)", "only items of one kind"),
    ("tag:visas  actor:EU  place:Minsk", "by tag or theme, by actor (whom a recommendation addresses), by place"),
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
    Binding(
        "left_square_bracket", "year(-1)", "Previous year", id="timeline-year-previous", key_display="[", show=False
    ),
    Binding("right_square_bracket", "year(1)", "Next year", id="timeline-year-next", key_display="]", show=False),
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


#: The groups of bindings that are active at the same time (a key in two of
#: them, or twice in one, is a collision).
CONTEXTS: dict[str, list[list[BindingType]]] = {
    "a briefing": [APP, BRIEFING, LIST, TABS, TIMELINE, SEARCH],
    "the library": [APP, LIBRARY, LIST],
    "a dialog": [APP, DIALOG],
    "the help screen": [APP, DIALOG, HELP_DIALOG],
}

_MODIFIERS = {"ctrl": "ctrl", "control": "ctrl", "shift": "shift", "alt": "alt", "meta": "meta", "super": "super"}
_ALIASES = {
    "esc": "escape",
    "return": "enter",
    "pgdn": "pagedown",
    "pgdown": "pagedown",
    "page_down": "pagedown",
    "pgup": "pageup",
    "page_up": "pageup",
    "del": "delete",
    "ins": "insert",
    "bs": "backspace",
    "spacebar": "space",
}


def _named_keys() -> set[str]:
    from textual.keys import Keys, _character_to_key

    names = {key.value.rpartition("+")[2] for key in Keys}
    names |= {"enter", "tab", "space", "backspace", *(f"f{n}" for n in range(1, 25))}
    names |= {_character_to_key(chr(code)) for code in range(33, 127)}
    return {name for name in names if len(name) > 1}


def normalise_key(text: str) -> str | None:
    """A key as the user wrote it (``F1``, ``Ctrl+Q``, ``Esc``, ``?``) -> Textual's
    name for it (``f1``, ``ctrl+q``, ``escape``, ``question_mark``); None if it
    names no key. A single letter keeps its case (``N`` is shift+n)."""
    from textual.keys import _character_to_key

    text = text.strip()
    if not text:
        return None
    if len(text) == 1:
        return _character_to_key(text) if not text.isalnum() else text
    *mods, base = text.split("+") if text != "+" else ["+"]
    modifiers: list[str] = []
    for mod in mods:
        name = _MODIFIERS.get(mod.strip().lower())
        if name is None or name in modifiers:
            return None
        modifiers.append(name)
    base = base.strip()
    if len(base) == 1:
        if base.isalpha():
            if modifiers == ["shift"]:
                return base.upper()
            if modifiers:
                base = base.lower()
        elif not base.isalnum():
            base = _character_to_key(base)
    else:
        base = _ALIASES.get(base.lower(), base.lower())
        if base not in _named_keys():
            return None
    return "+".join([*sorted(modifiers, key=list(_MODIFIERS.values()).index), base])


def _keys_of(binding: Binding, keymap: dict[str, str]) -> list[str]:
    keys = keymap.get(binding.id or "", binding.key)
    return [key.strip() for key in keys.split(",") if key.strip()]


def read_keymap(text: str) -> tuple[dict[str, str], list[str]]:
    """``"pane-overview=o,quit=ctrl+q"`` -> ``({"pane-overview": "o", "quit": "ctrl+q"}, [])``.

    Entries separated by commas (or semicolons, when a key is a comma). Key
    names are normalised (``F1`` -> ``f1``). Unknown ids (with the nearest
    ids), names that are no key, malformed entries and keys that another
    binding active at the same time already has (naming both ids) are left
    out of the keymap and described in the list of problems.
    """
    import difflib

    from briefing_tui.textsafe import one_line

    by_id = {binding.id: binding for binding in all_bindings() if binding.id}
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for entry in text.split(";" if ";" in text else ","):
        if not entry.strip():
            continue
        binding_id, sep, written = entry.partition("=")
        binding_id, written = binding_id.strip()[:60], written.strip()[:60]
        if not sep or not written:
            problems.append(f"{one_line(entry.strip()[:60])!r} is not of the form id=key")
        elif binding_id not in by_id:
            near = difflib.get_close_matches(binding_id, list(by_id), n=2, cutoff=0.6)
            hint = f" (did you mean {' or '.join(near)}?)" if near else " (the help screen, ?, lists the ids)"
            problems.append(f"{one_line(binding_id)!r} is not a binding id{hint}")
        elif (key := normalise_key(written)) is None:
            problems.append(f"{binding_id}={one_line(written)}: {one_line(written)!r} is not a key name")
        else:
            keymap[binding_id] = key
    return _without_collisions(keymap, by_id, problems)


def _without_collisions(
    keymap: dict[str, str], by_id: dict[str, Binding], problems: list[str]
) -> tuple[dict[str, str], list[str]]:
    """Leave out each remap whose key another binding active at the same time
    has (after every remap), and say so. Two bindings of the app's own with one
    key (``n``: the next hit while stepping through hits, else the note) are
    by design, and not reported."""
    refused: set[str] = set()
    for context, groups in CONTEXTS.items():
        holders: dict[str, list[str]] = {}
        for group in groups:
            for binding in _only(group):
                for key in _keys_of(binding, keymap):
                    holders.setdefault(key, []).append(binding.id or "")
        for key, ids in holders.items():
            for remapped in (i for i in ids if i in keymap and i not in refused):
                others = [i for i in dict.fromkeys(ids) if i != remapped and by_id[i].action != by_id[remapped].action]
                if others:
                    refused.add(remapped)
                    problems.append(
                        f"{remapped}={key} is not applied: in {context}, {key} is already "
                        f"{' and '.join(others)}'s key (remap that too)"
                    )
    return {i: k for i, k in keymap.items() if i not in refused}, problems


def shown_key(binding_id: str, keymap: dict[str, str]) -> str:
    """The first key of a binding as the reader sees it (after their keymap)."""
    binding = next(b for b in all_bindings() if b.id == binding_id)
    first = _keys_of(binding, keymap)[0]
    if binding_id not in keymap and binding.key_display:
        return binding.key_display.split()[0]
    return {"question_mark": "?", "slash": "/", "space": "space"}.get(first, first)
