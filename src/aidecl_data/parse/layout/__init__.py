"""General layout model: lines -> units (paragraphs, items, headings, notes) for any layout.

The three layouts met in real sources (Markdown from a web page, plain text pasted from a
web page, text extracted from a PDF) are read by format-specific line readers
(``markdown.py``, ``pdf.py``) into one list of :class:`~aidecl_data.parse.layout.units.Unit`;
everything after that (continuations, lists, front matter, ids) is shared.
"""
