"""The pure core: the briefing format, its loader and search. No textual, no rich."""
