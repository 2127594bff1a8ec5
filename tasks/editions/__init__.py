"""Editions: JSON, Markdown and EPUB, the report and the review pages, written from normalised documents."""
