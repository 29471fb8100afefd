"""briefing-tui: read structured YAML policy briefings in the terminal."""

__version__ = "0.1.0"
