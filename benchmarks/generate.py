"""Deterministic synthetic briefings, for benchmarks and tests.

``generate_briefing(size, seed)`` returns a plain dict in the briefing format
(``msgspec.convert(d, Briefing, strict=False)`` accepts it); the same size and
seed always give the same briefing. Sizes:

====  ======  ===============  =====  ========  =======  ======================
size  events  recommendations  facts  sections  sources  words per event / rec
====  ======  ===============  =====  ========  =======  ======================
S     10      9                6      5         2        20–60 / 60–150
M     1,000   200              12     15        50       40–150 / 100–300
L     10,000  2,000            30     40        200      100–300 / 200–500
====  ======  ===============  =====  ========  =======  ======================

Text is drawn from a fixed vocabulary of policy words, with accented names
(Łukašenka, Tsikhanouskaya, café), en-dashed compounds (Belarus–Netherlands)
and years. Every item cites 1–3 sources (S: 1–2); ids are unique across the
briefing, every source reference resolves and every date is a real date.
"""

from __future__ import annotations

import calendar
import random
from pathlib import Path
from typing import Any

import yaml

SIZES: dict[str, dict[str, Any]] = {
    "S": {"events": 10, "recs": 9, "facts": 6, "sections": 5, "sources": 2, "tags": 12,
          "event_words": (20, 60), "rec_words": (60, 150), "section_words": (80, 160), "cites": 2},
    "M": {"events": 1_000, "recs": 200, "facts": 12, "sections": 15, "sources": 50, "tags": 30,
          "event_words": (40, 150), "rec_words": (100, 300), "section_words": (150, 400), "cites": 3},
    "L": {"events": 10_000, "recs": 2_000, "facts": 30, "sections": 40, "sources": 200, "tags": 60,
          "event_words": (100, 300), "rec_words": (200, 500), "section_words": (300, 700), "cites": 3},
}  # fmt: skip

_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "on",
    "for",
    "with",
    "by",
    "that",
    "is",
    "as",
    "at",
    "from",
    "be",
    "this",
    "which",
    "was",
    "under",
    "not",
    "government",
    "policy",
    "relations",
    "sanctions",
    "sanction",
    "visa",
    "visas",
    "dialogue",
    "cooperation",
    "engagement",
    "minister",
    "ministry",
    "embassy",
    "ambassador",
    "parliament",
    "opposition",
    "elections",
    "election",
    "regime",
    "human",
    "rights",
    "civil",
    "society",
    "media",
    "freedom",
    "press",
    "prisoners",
    "political",
    "release",
    "detention",
    "trade",
    "export",
    "import",
    "potash",
    "energy",
    "gas",
    "oil",
    "pipeline",
    "transit",
    "border",
    "migration",
    "asylum",
    "european",
    "union",
    "council",
    "commission",
    "member",
    "states",
    "presidency",
    "summit",
    "declaration",
    "statement",
    "netherlands",
    "dutch",
    "belarus",
    "belarusian",
    "minsk",
    "hague",
    "brussels",
    "moscow",
    "russia",
    "russian",
    "ukraine",
    "eastern",
    "partnership",
    "neighbourhood",
    "programme",
    "funding",
    "support",
    "assistance",
    "grants",
    "projects",
    "country",
    "countries",
    "region",
    "regional",
    "security",
    "stability",
    "democracy",
    "democratic",
    "reform",
    "reforms",
    "economic",
    "economy",
    "investment",
    "investments",
    "companies",
    "business",
    "businesses",
    "bank",
    "banks",
    "loans",
    "students",
    "scholarships",
    "universities",
    "culture",
    "exchange",
    "contacts",
    "people",
    "travel",
    "ban",
    "bans",
    "measures",
    "measure",
    "restrictions",
    "restriction",
    "assets",
    "freeze",
    "frozen",
    "list",
    "listing",
    "delisting",
    "officials",
    "official",
    "leadership",
    "president",
    "presidential",
    "administration",
    "authorities",
    "state",
    "international",
    "community",
    "organisations",
    "organisation",
    "ngos",
    "osce",
    "un",
    "nato",
    "partners",
    "partner",
    "strategy",
    "strategic",
    "approach",
    "approaches",
    "interests",
    "values",
    "leverage",
    "pressure",
    "incentives",
    "recommend",
    "recommends",
    "should",
    "would",
    "could",
    "must",
    "consider",
    "continue",
    "increase",
    "reduce",
    "maintain",
    "review",
    "assess",
    "monitor",
    "ensure",
    "promote",
    "strengthen",
    "develop",
    "encourage",
    "invite",
    "discuss",
    "propose",
    "crisis",
    "crises",
    "process",
    "processes",
    "analysis",
    "status",
    "consensus",
    "basis",
    "taxes",
    "approaches",
    "lukashenko",
    "verhagen",
    "timmermans",
    "makei",
    "tsikhanouskaya",
    "bialiatski",
    "hrodna",
    "brest",
    "viasna",
]
_SPECIAL = [
    "Łukašenka", "Belarus–Netherlands", "EU–Belarus", "café", "Žodzina", "Homieĺ",
    "Viciebsk", "Naša Niva", "Straße", "Tsikhanouskaya’s", "EU’s", "2006–2009",
    "1994", "2008", "2010", "2020", "Ciechanoŭskaja", "Sviatlana", "Mahilioŭ",
]  # fmt: skip
_TAGS = """sanctions|human rights|visas|trade|energy|civil society|elections|media freedom|
political prisoners|EU policy|OSCE|potash|migration|border|security|culture|education|
diplomacy|dialogue|economy|investment|Eastern Partnership|Russia|Ukraine|repression|
opposition|NGOs|funding|aviation|transit|nuclear safety|Astravets|agriculture|health|
religion|minorities|labour|justice|police|army|youth|students|internet|censorship|
Belarus–Netherlands|Łukašenka|café society|asylum|refugees|banks|loans|chemicals|
fertiliser|logistics|railways|ports|customs|trafficking|corruption|courts|lawyers|journalists""".replace(
    "\n", ""
).split("|")
_ACTORS = [
    "EU", "the Netherlands", "Dutch government", "Ministry of Foreign Affairs", "Dutch embassy",
    "European Commission", "EU member states", "OSCE", "civil society organisations",
    "Dutch parliament", "European Parliament", "NGOs", "universities", "Council of the EU",
]  # fmt: skip
_SOURCE_KINDS = ["article", "report", "chapter", "book", "web", "speech", "statement", "dataset"]
_PUBLISHERS = ["Clingendael", "EUobserver", "Ministry of Foreign Affairs", "OSCE", "Reuters", "NRC", "Carnegie"]
_AUTHORS = ["A. de Vries", "J. Jansen", "M. Kowalska", "S. Ivanova", "P. Bakker", "Ł. Nowak", "É. Martin"]


class _Text:
    """Word sampling from the weighted vocabulary (Zipf-like)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        pool = list(_WORDS) + _SPECIAL
        self.pool = pool
        weights = [1.0 / (i + 8) for i in range(len(_WORDS))] + [0.004] * len(_SPECIAL)
        total, cum = 0.0, []
        for w in weights:
            total += w
            cum.append(total)
        self.cum = cum

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.pool, cum_weights=self.cum, k=n)

    def title(self, low: int = 4, high: int = 9) -> str:
        words = self.words(self.rng.randint(low, high))
        return " ".join(words)[:1].upper() + " ".join(words)[1:]

    def prose(self, low: int, high: int) -> str:
        words = self.words(self.rng.randint(low, high))
        sentences, i = [], 0
        while i < len(words):
            n = self.rng.randint(8, 20)
            chunk = " ".join(words[i : i + n])
            sentences.append(chunk[:1].upper() + chunk[1:] + ".")
            i += n
        return " ".join(sentences)


def _date(rng: random.Random) -> str:
    year = rng.randint(1994, 2024)
    r = rng.random()
    if r < 0.1:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if r < 0.3:
        return f"{year:04d}-{month:02d}"
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def generate_briefing(size: str, seed: int = 0) -> dict[str, Any]:
    """A synthetic briefing of `size` "S", "M" or "L", the same for the same seed."""
    if size.upper() not in SIZES:
        raise ValueError(f"size must be S, M or L, not {size!r}")
    spec = SIZES[size.upper()]
    rng = random.Random(f"{size.upper()}:{seed}")
    text = _Text(rng)
    tags = _TAGS[: spec["tags"]]
    source_ids = [f"src-{i + 1}" for i in range(spec["sources"])]

    def cites() -> list[str]:
        k = rng.randint(1, min(spec["cites"], len(source_ids)))
        return rng.sample(source_ids, k)

    def some(pool: list[str], low: int, high: int) -> list[str]:
        return rng.sample(pool, rng.randint(low, min(high, len(pool))))

    facts = [
        {"id": f"fact-{i + 1}", "label": text.title(1, 4), "value": text.prose(3, 14).rstrip("."),
         "sources": cites()}
        for i in range(spec["facts"])
    ]  # fmt: skip
    sections = [
        {"id": f"section-{i + 1}", "title": text.title(2, 6), "text": text.prose(*spec["section_words"]),
         "tags": some(tags, 1, 4), "sources": cites()}
        for i in range(spec["sections"])
    ]  # fmt: skip
    dates = sorted(_date(rng) for _ in range(spec["events"]))
    events = []
    for i, date in enumerate(dates):
        event: dict[str, Any] = {"id": f"event-{i + 1}", "date": date, "title": text.title()}
        if rng.random() < 0.05:
            event["date_label"] = f"{rng.choice(['early', 'mid', 'late', 'autumn', 'spring'])} {date[:4]}"
        event["detail"] = text.prose(*spec["event_words"])
        event["tags"] = some(tags, 1, 5)
        event["sources"] = cites()
        events.append(event)
    recs = []
    for i in range(spec["recs"]):
        rec: dict[str, Any] = {
            "number": i + 1,
            "id": f"rec-{i + 1}",
            "title": text.title(),
            "text": text.prose(*spec["rec_words"]),
            "actors": some(_ACTORS, 1, 3),
            "themes": some(tags, 1, 4),
            "sources": cites(),
        }
        notes = rng.randint(0, 2)
        if notes:
            rec["footnotes"] = [
                {"mark": str(i * 2 + k + 1), "text": text.prose(8, 30), "sources": cites()[:1]} for k in range(notes)
            ]
        recs.append(rec)
    sources = []
    for sid in source_ids:
        source: dict[str, Any] = {"id": sid, "title": text.title(3, 10), "kind": rng.choice(_SOURCE_KINDS)}
        if rng.random() < 0.8:
            source["author"] = rng.choice(_AUTHORS)
        source["publisher"] = rng.choice(_PUBLISHERS)
        if rng.random() < 0.9:
            source["date"] = _date(rng)
        source["url"] = f"https://example.org/{sid}"
        source["note"] = text.prose(5, 25)
        sources.append(source)
    return {
        "format": 1,
        "meta": {
            "id": f"synthetic-{size.lower()}-{seed}",
            "title": f"Synthetic briefing {size.upper()} #{seed}: Belarus–Netherlands relations",
            "parties": ["Belarus", "Netherlands"],
            "as_of": "2025-01",
            "summary": text.prose(30, 60),
            "authors": ["benchmarks.generate"],
            "language": "en",
        },
        "overview": {"facts": facts, "sections": sections},
        "timeline": events,
        "recommendations": recs,
        "sources": sources,
    }


class _Quoted(str):
    """A string YAML must write in double quotes (dates)."""


_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """The safe dumper (libyaml when available), quoting dates."""


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))


def _quote_dates(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _Quoted(v) if k in ("date", "as_of") and isinstance(v, str) else _quote_dates(v)
                for k, v in value.items()}  # fmt: skip
    if isinstance(value, list):
        return [_quote_dates(v) for v in value]
    return value


def write_briefing(path: str | Path, size: str, seed: int = 0) -> Path:
    """Write `generate_briefing(size, seed)` as YAML to `path`; return the path."""
    path = Path(path)
    data = _quote_dates(generate_briefing(size, seed))
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return path


def write_library(directory: str | Path, n: int, size: str = "M", seed: int = 0) -> list[Path]:
    """Write `n` briefings (seeds `seed`.. `seed + n - 1`, distinct meta.id) into
    `directory`, created when missing; return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return [
        write_briefing(directory / f"synthetic-{size.lower()}-{seed + i:03d}.yaml", size, seed + i) for i in range(n)
    ]
