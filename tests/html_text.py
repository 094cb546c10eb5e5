"""Reading a rendered paper back in tests: tables by caption, headings, plain text."""

from __future__ import annotations

from html.parser import HTMLParser


class _PaperParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[str, str]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.text_parts: list[str] = []
        self._heading: str | None = None
        self._heading_text: list[str] = []
        self._caption: list[str] | None = None
        self._table: list[list[str]] | None = None
        self._table_caption = ""
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        elif tag in ("h1", "h2", "h3", "h4"):
            self._heading, self._heading_text = tag, []
        elif tag == "table":
            self._table, self._table_caption = [], ""
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._heading_text).split())))
            self._heading = None
        elif tag == "caption" and self._caption is not None:
            self._table_caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            self.tables[self._table_caption] = self._table
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text_parts.append(data)
        for sink in (self._heading_text if self._heading else None, self._caption, self._cell):
            if sink is not None:
                sink.append(data)


def parse_paper(html: str) -> _PaperParser:
    parser = _PaperParser()
    parser.feed(html)
    parser.close()
    return parser


def plain_text(html: str) -> str:
    return " ".join("".join(parse_paper(html).text_parts).split())
