"""A tagged PDF for fpdf2: the structure tree a screen reader follows (PDF 1.7 §14.7 to 14.8,
PDF/UA-1), built while the page is drawn.

fpdf2 tags only images with alt text, in a flat list under one /Document element. This
keeps its way of writing a tree (the document's ``struct_builder``, which fpdf2 serializes
and points the catalog's /StructTreeRoot and /MarkInfo at) and replaces the builder with one
that nests: a /Document holds /H1, /H2, /P, /L of /LI (/Lbl and /LBody), /Table of /TR of
/TH and /TD, and /Figure with its /Alt. Each piece of text or drawing on a page is marked
content with an MCID that the element lists (an /MCR when it runs on to the next page), and
the parent tree maps each page's MCIDs back to their elements. Whatever is not content, the
page's footer, rules and tinted backgrounds, is an /Artifact, so every mark on a page is
one or the other.

Only what :class:`~.pdf_kit.Document` needs: fpdf2's own ``image(alt_text=...)`` and links
(which expect its flat builder) are not used by the documents and raise here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from fpdf import FPDF
from fpdf.enums import Align
from fpdf.line_break import Fragment, TextLine
from fpdf.prefs import ViewerPreferences
from fpdf.syntax import PDFObject, PDFString
from fpdf.table import Table

if TYPE_CHECKING:
    from fpdf.encryption import StandardSecurityHandler


class Elem(PDFObject):
    """A structure element: its role (H1, P, Table...), its parent, and its kids, which are
    elements or marked content on a page (the page and the MCID)."""

    def __init__(
        self,
        role: str,
        parent: PDFObject,
        alt: str | None = None,
        attributes: str | None = None,
    ) -> None:
        super().__init__()
        self.role = role
        self.parent = parent
        self.alt = alt
        self.attributes = attributes
        self.kids: list[Elem | tuple[PDFObject, int]] = []
        self.first_page: PDFObject | None = None
        self.first_page_number = 1
        self.pg: PDFObject | None = None  # fpdf2 sets this on the /Document's kids; unused

    @property
    def k(self) -> list[Elem | tuple[PDFObject, int]]:
        """fpdf2's name for the kids."""
        return self.kids

    def page_number(self) -> int:
        """The page its content starts on (fpdf2 asks this of the /Document's kids)."""
        return self.first_page_number

    def add_content(self, page: PDFObject, page_number: int, mcid: int) -> None:
        if self.first_page is None:
            self.first_page, self.first_page_number = page, page_number
        self.kids.append((page, mcid))

    def _kid(self, kid: Elem | tuple[PDFObject, int]) -> str:
        if isinstance(kid, Elem):
            return kid.ref
        page, mcid = kid
        if page is self.first_page:
            return str(mcid)
        return f"<</Type /MCR /Pg {page.ref} /MCID {mcid}>>"

    def serialize(
        self,
        obj_dict: dict[str, object] | None = None,
        _security_handler: StandardSecurityHandler | None = None,
    ) -> str:
        entries: dict[str, object] = {
            "/Type": "/StructElem",
            "/S": f"/{self.role}",
            "/P": self.parent.ref,
            "/K": "[" + " ".join(self._kid(kid) for kid in self.kids) + "]",
        }
        if self.first_page is not None:
            entries["/Pg"] = self.first_page.ref
        if self.alt is not None:
            entries["/Alt"] = PDFString(self.alt).serialize(_security_handler, self.id)
        if self.attributes is not None:
            entries["/A"] = self.attributes
        return super().serialize(entries, _security_handler)


class ParentTree(PDFObject):
    """The number tree from a page's /StructParents key to its elements, by MCID."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[int, list[Elem]] = {}

    def serialize(
        self,
        obj_dict: dict[str, object] | None = None,
        _security_handler: StandardSecurityHandler | None = None,
    ) -> str:
        nums = " ".join(
            f"{key} [{' '.join(elem.ref for elem in elems)}]"
            for key, elems in sorted(self.pages.items())
        )
        return super().serialize({"/Nums": f"[{nums}]"}, _security_handler)


class TreeRoot(PDFObject):
    def __init__(self, document: Elem | None, parent_tree: ParentTree) -> None:
        super().__init__()
        self.document = document
        self.parent_tree = parent_tree

    def serialize(
        self,
        obj_dict: dict[str, object] | None = None,
        _security_handler: StandardSecurityHandler | None = None,
    ) -> str:
        assert self.document is not None
        entries: dict[str, object] = {
            "/Type": "/StructTreeRoot",
            "/K": f"[{self.document.ref}]",
            "/ParentTree": self.parent_tree.ref,
            "/ParentTreeNextKey": max(self.parent_tree.pages, default=-1) + 1,
        }
        return super().serialize(entries, _security_handler)


class Tree:
    """Stands in for fpdf2's ``StructureTreeBuilder``: what its output code reads."""

    def __init__(self) -> None:
        self.parent_tree = ParentTree()
        self.struct_tree_root = TreeRoot(None, self.parent_tree)
        self.doc_struct_elem = Elem("Document", self.struct_tree_root)
        self.struct_tree_root.document = self.doc_struct_elem
        self.elems: list[Elem] = []

    def add(self, role: str, parent: Elem, alt: str | None, attributes: str | None) -> Elem:
        elem = Elem(role, parent, alt, attributes)
        parent.kids.append(elem)
        self.elems.append(elem)
        return elem

    def mark(self, elem: Elem, page: PDFObject, page_number: int) -> int:
        """A new MCID on ``page`` for content of ``elem``."""
        on_page = self.parent_tree.pages.setdefault(page_number - 1, [])
        on_page.append(elem)
        mcid = len(on_page) - 1
        elem.add_content(page, page_number, mcid)
        return mcid

    # fpdf2's output code asks these:

    def empty(self) -> bool:
        return not self.elems

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.parent_tree
        yield from self.elems

    def add_marked_content(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("tag through Document.marked(), not fpdf2's alt_text")

    def next_mcid_for_page(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("tag through Document.marked(), not fpdf2's alt_text")


class TaggedPDF(FPDF):
    """An FPDF whose drawing is tagged: content goes inside :meth:`marked` (a leaf element:
    a heading, a paragraph, a figure, a table cell) under the elements :meth:`group` opens
    (a list, a table, a row); what is not content inside :meth:`artifact`. A marked element
    that runs on to a new page is closed before the page's footer (an artifact) and opened
    again on the next page, as the same element."""

    tagging = True
    """False draws the same document untagged: the baseline ``bench/bench_pdf_tags.py``
    times the tags against."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tree = Tree()
        self._parents: list[Elem] = [self.tree.doc_struct_elem]
        self._open: Elem | None = None
        self._in_artifact = not self.tagging  # untagged: as if all were an artifact, unmarked
        self._wrapping = 0
        if self.tagging:
            self.struct_builder = self.tree  # type: ignore[assignment]
            self.viewer_preferences = ViewerPreferences(display_doc_title=True)

    @contextmanager
    def group(self, role: str, attributes: str | None = None) -> Iterator[Elem]:
        """An element that holds others (L, LI, Table, TR)."""
        if not self.tagging:
            yield self.tree.doc_struct_elem
            return
        elem = self.tree.add(role, self._parents[-1], None, attributes)
        self._parents.append(elem)
        try:
            yield elem
        finally:
            self._parents.pop()

    @contextmanager
    def marked(
        self, role: str, alt: str | None = None, attributes: str | None = None
    ) -> Iterator[Elem]:
        """An element whose content is what is drawn inside (H1, H2, P, Lbl, LBody, TH, TD,
        Figure with its ``alt`` text)."""
        if self._open is not None or self._in_artifact:  # its content, not a new element
            yield self._open or self.tree.doc_struct_elem
            return
        elem = self.tree.add(role, self._parents[-1], alt, attributes)
        self._open = elem
        self._begin(elem)
        try:
            yield elem
        finally:
            self._out("EMC")
            self._open = None

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Drawing that is not content: rules, backgrounds, the footer."""
        if self._open is not None or self._in_artifact:  # inside an element: part of it
            yield
            return
        self._out("/Artifact BMC")
        self._in_artifact = True
        try:
            yield
        finally:
            self._out("EMC")
            self._in_artifact = False

    def multi_cell(self, *args: Any, **kwargs: Any) -> Any:
        self._wrapping += 1
        try:
            return super().multi_cell(*args, **kwargs)
        finally:
            self._wrapping -= 1

    def _render_styled_text_line(self, text_line: TextLine, *args: Any, **kwargs: Any) -> Any:
        """A line of a left-aligned paragraph ends in a space, so that the words either side of
        a line break stay two words for a program that reads the text in its marked order
        (fpdf2 drops the space it breaks at; a screen reader would hear "goto")."""
        if self.tagging and self._wrapping and text_line.align == Align.L and text_line.fragments:
            last = text_line.fragments[-1]
            if last.characters and last.characters[-1] != " ":
                spaced = Fragment([*last.characters, " "], last.graphics_state, last.k, last.link)
                text_line = text_line._replace(fragments=[*text_line.fragments[:-1], spaced])
        return super()._render_styled_text_line(text_line, *args, **kwargs)

    def _begin(self, elem: Elem) -> None:
        mcid = self.tree.mark(elem, self.pages[self.page], self.page)
        self.pages[self.page].struct_parents = self.page - 1
        self._out(f"/{elem.role} <</MCID {mcid}>> BDC")

    def _render_footer(self) -> None:
        resume = self._open
        if resume is not None:  # a page break inside an element: close it on this page
            self._out("EMC")
            self._open = None
        with self.artifact():
            super()._render_footer()
        self._resume = resume

    def header(self) -> None:
        resume, self._resume = getattr(self, "_resume", None), None
        if resume is not None:  # ... and open it again on the new one
            self._open = resume
            self._begin(resume)

    @contextmanager
    def tagged_table(self, **kwargs: Any) -> Iterator[Table]:
        """fpdf2's table, as a /Table of /TR rows of /TH (the heading row) and /TD cells."""
        with self.group("Table"):
            table = TaggedTable(self, **kwargs)
            yield table
            table.render()


HEADING_SCOPE = "<</O /Table /Scope /Column>>"


class TaggedTable(Table):
    """fpdf2's table, each row a /TR and each cell a /TH or /TD."""

    _fpdf: TaggedPDF

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: set[int] = set()

    def _render_table_row(self, i: int, *args: Any, **kwargs: Any) -> None:
        if i < self._num_heading_rows and i in self._drawn:  # repeated on a new page
            with self._fpdf.artifact():
                super()._render_table_row(i, *args, **kwargs)
            return
        self._drawn.add(i)
        with self._fpdf.group("TR"):
            super()._render_table_row(i, *args, **kwargs)

    def _render_table_cell(self, i: int, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("cell_height_info") is None:  # only measuring
            return super()._render_table_cell(i, *args, **kwargs)
        heading = i < self._num_heading_rows
        role, scope = ("TH", HEADING_SCOPE) if heading else ("TD", None)
        with self._fpdf.marked(role, attributes=scope):
            return super()._render_table_cell(i, *args, **kwargs)
