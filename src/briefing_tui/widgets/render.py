"""Build what widgets show from model objects, safely.

Every string from a briefing or a note is untrusted: it goes through
:func:`briefing_tui.textsafe.strip_control` and into a :class:`Content` built
piece by piece, never through markup. Nothing here parses YAML or touches the
notes database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.content import Content

from briefing_tui.model.dates import event_when, format_date
from briefing_tui.model.items import KIND_LABELS, ItemRef, labelled_fields, lettered
from briefing_tui.model.schema import Briefing, Event, Fact, Recommendation, Section, Source
from briefing_tui.textsafe import one_line, one_line_spans, replace_control, strip_control

Span = tuple[int, int]


def plain(text: str) -> Content:
    """Untrusted text as literal content, control characters replaced."""
    return Content(strip_control(text))


def line(text: str) -> Content:
    """Untrusted text folded onto one line."""
    return Content(one_line(text))


def highlighted_line(text: str, spans: Sequence[Span] = (), style: str = "reverse") -> Content:
    """Untrusted text folded onto one line, `spans` (offsets into `text`) moved
    through the folding and highlighted."""
    folded, moved = one_line_spans(text, spans)
    return highlighted(folded, moved, style)


def highlighted(text: str, spans: Sequence[Span] = (), style: str = "reverse") -> Content:
    """Literal text with `spans` (offsets into `text`) highlighted.

    Control characters are replaced one for one, so offsets stay valid.
    """
    content = Content(replace_control(text))
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content


def event_date(event: Event) -> str:
    return one_line(format_date(event.date, event.date_label))


#: Columns of the header that its title cannot use (the icon, the clock, margins).
HEADER_CHROME = 18


def header_subtitle(briefing: Briefing, width: int | None = None) -> str:
    """The header's second part: the parties and the date, or as much of it as
    fits beside the title in `width` columns (just the date, then nothing)."""
    meta = briefing.meta
    parties = " · ".join(one_line(party) for party in meta.parties)
    as_of = f"as of {one_line(format_date(meta.as_of))}"
    if width is None:
        return f"{parties} — {as_of}"
    room = width - HEADER_CHROME - len(one_line(meta.title)) - 3  # " — " between them
    for candidate in (f"{parties} — {as_of}", as_of):
        if len(candidate) <= room:
            return candidate
    return ""


NOTE_MARK = " ✎"


def marked(content: Content, noted: bool) -> Content:
    """A list row: a column for the note marker, then `content`.

    The marker comes first so it shows even when a long row is cut short.
    """
    return Content.assemble(("✎ ", "bold") if noted else "  ", content)


def recommendation_prompt(rec: Recommendation, width: int, noted: bool = False) -> Content:
    return marked(Content.assemble((f"{rec.number}.".rjust(width + 1) + " ", "bold"), line(rec.title)), noted)


def event_prompt(event: Event, noted: bool = False) -> Content:
    """List row: the date in its short form (``~`` when qualified in words), the title."""
    date = one_line(event_when(event.date, event.date_label, short=True))
    return marked(Content.assemble((date.ljust(12), "dim"), line(event.title)), noted)


def source_prompt(source: Source, noted: bool = False) -> Content:
    suffix = f" ({one_line(format_date(source.date))})" if source.date else ""
    return marked(Content.assemble(line(source.title), (suffix, "dim")), noted)


def _heading(kind_label: str, title: str, spans: Sequence[Span] = (), *, where: str = "") -> list[Content]:
    """Kind (upper case), an optional untrusted `where` (a date) as written, the title."""
    return [
        Content.styled(kind_label.upper() + (f" — {where}" if where else ""), "dim"),
        highlighted_line(title, spans).stylize("bold"),
        Content(""),
    ]


def _field(label: str, values: Iterable[str]) -> Content | None:
    values = [one_line(value) for value in values if value]
    if not values:
        return None
    return Content.assemble((f"{label}: ", "bold"), ", ".join(values))


def _body(text: str, spans: Sequence[Span] = ()) -> list[Content]:
    return [highlighted(text, spans), Content("")] if text else []


def render_item(
    ref: ItemRef,
    *,
    title_spans: Sequence[Span] = (),
    body_spans: Sequence[Span] = (),
) -> Content:
    """The full view of one item for the detail pane."""
    item = ref.item
    parts: list[Content | None] = []
    if isinstance(item, Recommendation):
        parts += _heading(f"Recommendation {item.number}", item.title, title_spans)
        parts += _body(item.text, body_spans)
        parts += [Content.assemble((f"  {letter}) ", "bold"), plain(point)) for letter, point in lettered(item.points)]
        if item.points:
            parts.append(Content(""))
        parts += [_field(label, values) for label, values in labelled_fields(item)]
        for footnote in item.footnotes:
            parts += [Content(""), Content.assemble((f"[{one_line(footnote.mark)}] ", "bold"), plain(footnote.text))]
    elif isinstance(item, Event):
        parts += _heading("Timeline", item.title, title_spans, where=event_date(item))
        parts += _body(item.detail, body_spans)
        parts += [_field(label, values) for label, values in labelled_fields(item)]
        parts.append(_field("Tags", item.tags))
    elif isinstance(item, Fact):
        parts += _heading(KIND_LABELS["fact"], item.label, title_spans)
        parts += _body(item.value, body_spans)
    elif isinstance(item, Section):
        parts += _heading(KIND_LABELS["section"], item.title, title_spans)
        parts += _body(item.text, body_spans)
        parts.append(_field("Tags", item.tags))
    elif isinstance(item, Source):
        parts += _heading("Source", item.title, title_spans, where=item.kind)
        parts.append(_field("Author", [item.author or ""]))
        parts.append(_field("Publisher", [item.publisher or ""]))
        parts.append(_field("Date", [format_date(item.date)] if item.date else []))
        parts.append(_field("URL", item.links))
        parts.append(_field("Archived copy", [item.archived or ""]))
        if item.note:
            parts += [Content("")] + _body(item.note, body_spans)
    if item.uncertain:  # format 2: what is uncertain about it
        parts += [Content(""), Content.assemble(("Uncertain: ", "bold"), plain(item.uncertain))]
    return Content("\n").join(part for part in parts if part is not None)


def render_summary(briefing: Briefing) -> Content:
    """The briefing's own summary: shown when nothing is selected."""
    meta = briefing.meta
    parts: list[Content | None] = [
        Content.styled("BRIEFING", "dim"),
        Content.styled(one_line(meta.title), "bold"),
        Content(header_subtitle(briefing)),
        Content(""),
        plain(meta.summary),
    ]
    if meta.authors:
        parts += [Content(""), _field("Authors", meta.authors)]
    if meta.classification:
        parts.append(_field("Classification", [meta.classification]))
    return Content("\n").join(part for part in parts if part is not None)
