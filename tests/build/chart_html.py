"""A flowchart as a reader follows it, read back from the HTML the build writes (site_build/render/rule_chart.py):
the list items in order, each the arrow coming in, its boxes and its branches, as text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        parts = [c if isinstance(c, str) else " " + c.text() + " " for c in self.children]
        return " ".join("".join(parts).split())

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]

    def find_all(self, css_class: str) -> list[Element]:
        found = []
        for child in self.elements():
            if css_class in child.classes:
                found.append(child)
            found.extend(child.find_all(css_class))
        return found


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        self.stack.append(element)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [tree.root], "an element is left open"
    return tree.root


@dataclass(frozen=True)
class Box:
    kind: str  # decision, outcome, step, terminal, note, error
    heading: str
    lines: tuple[str, ...]  # its other lines (a bullet each, or a paragraph each)
    code: str  # "(code)" of an outcome, "(kind: id)" of a step


@dataclass(frozen=True)
class Part:
    role: str  # "link" (an arrow along the chain), "node" (a box on it), "branch" (an arrow and a box beside)
    label: str = ""  # an arrow's words
    box: Box | None = None


def _box(element: Element) -> Box:
    (kind,) = [c.removeprefix("flowchart__box--") for c in element.classes if c.startswith("flowchart__box--")]
    heading, code, lines = "", "", []
    for child in element.elements():
        if "flowchart__heading" in child.classes:
            heading = child.text()
        elif "flowchart__code" in child.classes:
            code = child.text()
        elif child.tag == "ul":
            lines.extend(li.text() for li in child.elements())
        else:
            lines.append(child.text())
    return Box(kind, heading, tuple(lines), code)


def _part(element: Element) -> Part:
    if "flowchart__link" in element.classes:
        return Part("link", element.text())
    if "flowchart__node" in element.classes:
        (box,) = element.elements()
        return Part("node", box=_box(box))
    assert "flowchart__branch" in element.classes, element.classes
    link, box = element.elements()
    assert "flowchart__link--across" in link.classes
    return Part("branch", link.text(), _box(box))


def charts(html: str) -> list[tuple[Element, list[list[Part]]]]:
    """Every chart in the HTML: (its <figure>, its items in order, each a list of parts)."""
    found = []
    for figure in parse(html).find_all("flowchart"):
        assert figure.tag == "figure"
        (chain,) = figure.find_all("flowchart__chain")
        assert chain.tag == "ol"
        found.append((figure, [[_part(p) for p in li.elements()] for li in chain.elements()]))
    return found


def chart(html: str) -> tuple[Element, list[list[Part]]]:
    (only,) = charts(html)
    return only
