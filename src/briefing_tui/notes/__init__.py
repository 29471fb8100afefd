"""Note storage and Markdown export. No textual, no rich."""
