"""The article view: an analysis drawn as its text with every marker, quotation, speaker,
reporting cue and provenance line as a layer, modelled on displaCy's span view.

Each marker is a coloured underline with its category in small caps beside it; markers that
overlap are stacked, one underline under the other, so none is dropped. A legend switches
layers on and off (frame cues start off) with plain HTML checkboxes and CSS, so the view works
where scripts do not run: Jupyter, VS Code, nbconvert's static HTML and a saved page. Every piece
of text from the article, the lexicon or the registry is escaped.

Colours come from the Okabe–Ito palette, which stays distinct under the common colour-vision
deficiencies; a category the view has not met before (a new lexicon's, say) takes the next free
colour, so the palette follows the data rather than a fixed list.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ._framelens import CATEGORIES, Analysis, Lexicon

# Okabe & Ito (2008), "Color Universal Design": distinct under protan, deutan and tritan vision.
OKABE_ITO = (
    "#D55E00",  # vermillion
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
GREY = "#999999"

# Fixed colours for the categories framelens ships, so a category keeps its colour from one view
# to the next; other categories take the remaining palette colours in order of first use.
CATEGORY_COLORS = {
    "loaded": "#D55E00",
    "factive": "#0072B2",
    "booster": "#E69F00",
    "naming": "#009E73",
    "scare_quote": "#CC79A7",
    "hedge": "#56B4E9",
    "frame": GREY,
    "generic_frame": GREY,
}

# Layers that start switched off: frame cues are most of an article's markers and drown the rest.
HIDDEN_BY_DEFAULT = ("frame", "generic_frame")

QUOTE_BACKGROUND = "#E8F1FA"


def palette(categories: Iterable[str]) -> dict[str, str]:
    """A colour per category: the fixed one where there is one, else the next unused Okabe–Ito
    colour (cycling once all are used). Frame-like categories (``*_frame``) are grey."""
    out: dict[str, str] = {}
    spare = [c for c in OKABE_ITO if c not in CATEGORY_COLORS.values()]
    spare += [c for c in OKABE_ITO if c not in spare]
    n = 0
    for cat in categories:
        if cat in out:
            continue
        if cat in CATEGORY_COLORS:
            out[cat] = CATEGORY_COLORS[cat]
        elif cat.endswith("_frame"):
            out[cat] = GREY
        else:
            out[cat] = spare[n % len(spare)]
            n += 1
    return out


def hidden_by_default(category: str) -> bool:
    """Whether a category's layer starts switched off (frame cues)."""
    return category in HIDDEN_BY_DEFAULT or category.endswith("_frame")


@dataclass
class Layer:
    """One switchable layer of the view."""

    name: str
    color: str
    style: str = "solid"  # underline style: solid, dotted or dashed
    kind: str = "underline"  # underline, background (quotations) or grey (boilerplate)
    on: bool = True
    count: int = 0


@dataclass
class Mark:
    """One drawn span: a marker, quotation, speaker, cue or provenance line."""

    start: int
    end: int
    layer: int
    tip: str
    label: str | None = None
    link: str | None = None  # a class shared by a reporting cue and its speaker
    slot: int = 0
    classes: list[str] = field(default_factory=list)


# The last lexicon's notes, with the lexicon itself: keyed by id() alone, a lexicon made after
# the last one was freed could get its address, and the view showed the old lexicon's notes.
_NOTES: list[tuple[Lexicon, dict[str, str]]] = []


def _notes(lexicon: Lexicon | None) -> dict[str, str]:
    """Entry id -> note, for the tooltips (the default lexicon's unless one is given)."""
    if lexicon is None:
        from . import default_analyzer

        lexicon = default_analyzer().lexicon
    if not _NOTES or _NOTES[0][0] is not lexicon:
        _NOTES[:] = [(lexicon, {e["id"]: e.get("note") or "" for e in lexicon.entries()})]
    return _NOTES[0][1]


def _assign_slots(marks: list[Mark], order: Sequence[int]) -> int:
    """Gives each underline mark the lowest slot (underline depth) free over its whole span,
    in the given order; returns the number of slots used."""
    slots: list[list[tuple[int, int]]] = []
    for i in order:
        m = marks[i]
        for s, taken in enumerate(slots):
            k = bisect_left(taken, (m.start, m.end))
            clash = (k > 0 and taken[k - 1][1] > m.start) or (
                k < len(taken) and taken[k][0] < m.end
            )
            if not clash:
                insort(taken, (m.start, m.end))
                m.slot = s
                break
        else:
            m.slot = len(slots)
            slots.append([(m.start, m.end)])
    return len(slots)


class ArticleView:
    """An article drawn with its layers; shows itself in notebooks, and :meth:`save` writes it as
    a standalone HTML page (no external scripts or styles)."""

    __module__ = "framelens"

    def __init__(self, html: str, title: str) -> None:
        self.html = html
        self.title = title

    def _repr_html_(self) -> str:
        return self.html

    def page(self) -> str:
        """The view as a whole HTML document."""
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(self.title)}</title></head>"
            '<body style="max-width:46em;margin:2em auto;padding:0 1em">'
            f"{self.html}</body></html>\n"
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Writes :meth:`page` to ``path``: to a temporary file in the same folder, renamed into
        place, so a failed write never leaves half a page under the name."""
        target = Path(path)
        fd, temp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".framelens-tmp"
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(self.page())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
            os.replace(temp, target)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
        return target

    def __repr__(self) -> str:
        return f"ArticleView({self.title!r}, {len(self.html)} characters of HTML)"


def _marker_tip(m: Any, notes: dict[str, str]) -> str:
    cat = m.category + (f"/{m.subcategory}" if m.subcategory else "")
    tip = f"{cat} · entry {m.entry} · {m.voice} voice"
    if m.speaker:
        tip += f" ({m.speaker})"
    if m.negated:
        tip += " · negated"
    note = notes.get(m.entry)
    if note:
        tip += f" — {note}"
    return tip


def _card(analysis: Analysis) -> str:
    """The provenance header: outlet (country, ownership), dateline, agencies, byline,
    source lines and syndication."""
    p = analysis.provenance
    rows: list[tuple[str, str]] = []
    outlet = p.outlet
    if outlet is not None:
        rows.append(("outlet", f"{outlet.name} ({outlet.country}, {outlet.ownership})"))
    elif analysis.outlet:
        rows.append(("outlet", f"{analysis.outlet} (not in the registry)"))
    if analysis.url:
        rows.append(("url", analysis.url))
    if analysis.published:
        rows.append(("published", analysis.published))
    if p.dateline:
        rows.append(("dateline", p.dateline["span"]["text"]))
    agencies = [str((a.get("span") or {}).get("text") or a.get("outlet") or "") for a in p.agencies]
    if any(agencies):
        rows.append(("agencies", ", ".join(a for a in agencies if a)))
    if p.byline is not None:
        rows.append(("byline", p.byline.text))
    if p.syndication:
        rows.append(("syndication", " → ".join(p.syndication)))
    if p.source_lines:
        rows.append(("source lines", str(len(p.source_lines))))
    if p.boilerplate:
        rows.append(("boilerplate", f"{len(p.boilerplate)} passages (greyed)"))
    words = analysis.profile.words
    rows.append(("measured", f"{words} words, {len(analysis.markers)} markers"))
    cells = "".join(f'<span class="fl-k">{escape(k)}</span> {escape(v)}<br>' for k, v in rows)
    title = escape(analysis.doc_id or "article")
    return f'<div class="fl-card"><b>{title}</b><br>{cells}</div>'


def _span_text(d: dict[str, Any] | Any, key: str = "span") -> tuple[int, int, str] | None:
    s = d.get(key) if isinstance(d, dict) else d
    if s is None:
        return None
    if isinstance(s, dict):
        return int(s["start"]), int(s["end"]), str(s["text"])
    return s.start, s.end, s.text


def render(
    analysis: Analysis,
    categories: Sequence[str] | None = None,
    hidden: Sequence[str] | None = None,
    lexicon: Lexicon | None = None,
    file: str | os.PathLike[str] | None = None,
    title: str | None = None,
) -> ArticleView:
    """The article view of ``analysis``.

    ``categories`` limits the marker categories drawn (default: all); ``hidden`` names the
    layers that start switched off (default: frame cues), out of the categories and
    ``"quotes"``, ``"speakers"``, ``"reporting cues"``, ``"dateline"``, ``"byline"``,
    ``"source lines"`` and ``"boilerplate"``. Tooltips show the lexicon entry that fired and its
    note, from ``lexicon`` (default: the default lexicon). With ``file``, the view is also
    written there as a standalone HTML page.
    """
    if not isinstance(analysis, Analysis):
        raise TypeError(f"render: expected an Analysis, got {type(analysis).__name__}")
    text = analysis.text
    notes = _notes(lexicon)
    seen = list(dict.fromkeys([*CATEGORIES, *(m.category for m in analysis.markers)]))
    if categories is not None:
        unknown = [c for c in categories if c not in seen]
        if unknown:
            raise ValueError(f"render: unknown categories {unknown}; known: {seen}")
        seen = [c for c in seen if c in categories]
    colors = palette(seen)
    layers: list[Layer] = [Layer(c, colors[c], on=not hidden_by_default(c)) for c in seen]
    index = {layer.name: i for i, layer in enumerate(layers)}

    def add_layer(name: str, **kw: Any) -> int:
        index[name] = len(layers)
        layers.append(Layer(name, **kw))
        return index[name]

    quotes = add_layer("quotes", color=QUOTE_BACKGROUND, kind="background")
    speakers = add_layer("speakers", color="#000000")
    cues = add_layer("reporting cues", color="#000000", style="dotted")
    dateline = add_layer("dateline", color="#000000", style="dashed")
    byline = add_layer("byline", color="#000000", style="dashed")
    source = add_layer("source lines", color="#000000", style="dashed")
    boiler = add_layer("boilerplate", color=GREY, kind="grey")
    if hidden is not None:
        unknown = [h for h in hidden if h not in index]
        if unknown:
            raise ValueError(f"render: unknown layers {unknown}; known: {list(index)}")
        for layer in layers:
            layer.on = layer.name not in hidden

    marks: list[Mark] = []
    for m in analysis.markers:
        if m.category in index:
            marks.append(Mark(m.start, m.end, index[m.category], _marker_tip(m, notes), m.category))
    # A quotation's speaker: the attribution whose content overlaps it.
    for j, a in enumerate(analysis.attributions):
        who = a.speaker_name or (a.speaker.text if a.speaker is not None else None)
        link = f"fl-a{j}"
        marks.append(
            Mark(
                a.cue.start,
                a.cue.end,
                cues,
                f"reporting cue ({a.entry}, {a.verb_stance}, {a.kind}) · speaker: {who or 'none'}",
                link=f"{link}-c",
            )
        )
        if a.speaker is not None:
            kind = a.speaker_type or "speaker"
            marks.append(
                Mark(
                    a.speaker.start,
                    a.speaker.end,
                    speakers,
                    f"speaker ({kind}) of “{a.cue.text}”" + (f": {who}" if who else ""),
                    link=f"{link}-s",
                )
            )
    for q in analysis.quotes:
        who = None
        for a in analysis.attributions:
            c = a.content
            if c is not None and c.start < q.end and q.start < c.end:
                who = a.speaker_name or (a.speaker.text if a.speaker is not None else None)
                break
        if who is None:
            who = next(
                (m.speaker for m in analysis.markers if q.start <= m.start < q.end and m.speaker),
                None,
            )
        label = f"— {who}" if who else "— unattributed"
        marks.append(
            Mark(q.start, q.end, quotes, f"quoted voice: {who or 'no speaker found'}", label)
        )
    p = analysis.provenance
    if p.dateline:
        s = _span_text(p.dateline)
        if s:
            marks.append(Mark(s[0], s[1], dateline, "dateline", "dateline"))
    if p.byline is not None:
        marks.append(Mark(p.byline.start, p.byline.end, byline, "byline", "byline"))
    for line in p.source_lines:
        s = _span_text(line)
        if s:
            marks.append(Mark(s[0], s[1], source, "source line", "source"))
    for b in p.boilerplate:
        marks.append(Mark(b.start, b.end, boiler, "boilerplate (page furniture)"))
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    for mark in marks:
        layers[mark.layer].count += 1

    # Underlines of layers that start on take the top slots, so hiding the frame layer leaves
    # no gaps.
    under = [i for i, m in enumerate(marks) if layers[m.layer].kind == "underline"]
    under.sort(key=lambda i: (not layers[marks[i].layer].on, marks[i].start, -marks[i].end))
    depth = _assign_slots(marks, under)

    uid = (
        "fl"
        + hashlib.sha1(
            f"{text}\0{sorted(index)}\0{[layer.on for layer in layers]}".encode()
        ).hexdigest()[:10]
    )
    body = _body(text, marks, layers, uid)
    return_view = ArticleView(
        _assemble(analysis, layers, seen, body, uid, depth),
        title or analysis.doc_id or "framelens article view",
    )
    if file is not None:
        return_view.save(file)
    return return_view


def _body(text: str, marks: list[Mark], layers: list[Layer], uid: str) -> str:
    """The text cut at every mark boundary; each piece carries the underlines, backgrounds and
    tooltips of the marks covering it, and each mark's label follows its last piece."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[int]] = {}
    for i, m in enumerate(marks):
        starts.setdefault(m.start, []).append(i)
    active: list[int] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [i for i in active if marks[i].end > a] + starts.get(a, [])
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        classes: list[str] = []
        images: list[str] = []
        positions: list[str] = []
        tips: list[str] = []
        for i in sorted(active, key=lambda i: (marks[i].layer, marks[i].slot)):
            m = marks[i]
            layer = layers[m.layer]
            tips.append(m.tip)
            if m.link:
                classes.append(m.link)
            if layer.kind == "background":
                classes.append(f"fl-bg{m.layer}")
            elif layer.kind == "grey":
                classes.append(f"fl-grey{m.layer}")
            else:
                var = f"var(--{uid}-c{m.layer})"
                if layer.style == "solid":
                    images.append(f"linear-gradient({var},{var})")
                else:
                    dash = "2px" if layer.style == "dotted" else "5px"
                    images.append(
                        f"repeating-linear-gradient(90deg,{var} 0 {dash},transparent {dash} "
                        f"calc(2 * {dash}))"
                    )
                positions.append(f"0 calc(100% - {4 * m.slot}px)")
        style = ""
        if images:
            style = (
                f' style="padding-bottom:{4 * (max(marks[i].slot for i in active) + 1)}px;'
                f"background-image:{','.join(images)};"
                f"background-position:{','.join(positions)};"
                'background-size:100% 3px;background-repeat:no-repeat"'
            )
        out.append(
            f'<span class="fl-s {" ".join(classes)}" title="{escape(chr(10).join(tips))}"'
            f"{style}>{piece}</span>"
        )
        for i in active:
            m = marks[i]
            if m.end == b and m.label:
                layer = layers[m.layer]
                out.append(
                    f'<span class="fl-tag fl-l{m.layer}" title="{escape(m.tip)}">'
                    f'<span class="fl-sw" style="background:{layer.color}"></span>'
                    f"{escape(m.label)}</span>"
                )
    return "".join(out)


def _assemble(
    analysis: Analysis,
    layers: list[Layer],
    categories: Sequence[str],
    body: str,
    uid: str,
    depth: int,
) -> str:
    """The card, the layer switches and legend, the style sheet and the body, in one
    ``<div>`` that scopes its styles by ``uid``. Every category has a switch; the other layers
    only where the article has something to draw."""
    root = f".{uid}"
    css = [
        f"{root}{{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a}}",
        f"{root} .fl-card{{border:1px solid #ccc;border-radius:6px;padding:6px 10px;"
        "margin-bottom:8px;font-size:85%;background:#fafafa;line-height:1.5}",
        f"{root} .fl-k{{font-variant:small-caps;color:#555;display:inline-block;min-width:7em}}",
        f"{root} .fl-toggle{{position:absolute;opacity:0;width:1px;height:1px}}",
        f"{root} .fl-legend{{font-size:85%;margin-bottom:8px;line-height:2}}",
        f"{root} .fl-legend label{{cursor:pointer;margin-right:10px;white-space:nowrap;"
        "font-variant:small-caps;user-select:none}",
        f"{root} .fl-sw{{display:inline-block;width:10px;height:10px;border-radius:2px;"
        "margin-right:3px;vertical-align:baseline}",
        f"{root} .fl-body{{white-space:pre-wrap;line-height:calc(1.6em + {4 * depth}px)}}",
        f"{root} .fl-tag{{font-variant:small-caps;font-size:75%;color:#333;margin:0 3px 0 2px;"
        "white-space:nowrap}",
    ]
    toggles = []
    legend = []
    for i, layer in enumerate(layers):
        if layer.count == 0 and layer.name not in categories:
            continue
        tid = f"{uid}-t{i}"
        checked = " checked" if layer.on else ""
        toggles.append(
            f'<input type="checkbox" class="fl-toggle" id="{tid}" '
            f'aria-label="{escape(layer.name)}"{checked}>'
        )
        if layer.kind == "background":
            swatch = f"background:{layer.color};border:1px solid #9bb"
        elif layer.kind == "grey":
            swatch = "background:#ddd"
        else:
            swatch = f"background:{layer.color}"
        legend.append(
            f'<label for="{tid}" class="fl-lg{i}"><span class="fl-sw" style="{swatch}">'
            f"</span>{escape(layer.name)} <small>({layer.count})</small></label>"
        )
        on_body = f"{root} #{tid}:checked ~ .fl-body"
        off_body = f"{root} #{tid}:not(:checked) ~ .fl-body"
        css.append(f"{root} .fl-body{{--{uid}-c{i}:transparent}}")
        css.append(f"{on_body}{{--{uid}-c{i}:{layer.color}}}")
        css.append(f"{off_body} .fl-l{i}{{display:none}}")
        css.append(
            f"{root} #{tid}:not(:checked) ~ .fl-legend .fl-lg{i}"
            "{opacity:.45;text-decoration:line-through}"
        )
        if layer.kind == "background":
            css.append(f"{on_body} .fl-bg{i}{{background-color:{layer.color}}}")
        if layer.kind == "grey":
            css.append(f"{on_body} .fl-grey{i}{{color:#8a8a8a}}")
    for j in range(len(analysis.attributions)):
        a = f"fl-a{j}"
        css.append(
            f"{root} .fl-body:has(.{a}-c:hover) .{a}-s,"
            f"{root} .fl-body:has(.{a}-s:hover) .{a}-c{{outline:2px solid #0072B2;"
            "border-radius:2px}"
        )
    return (
        f'<div class="framelens-view {uid}"><style>{"".join(css)}</style>'
        f"{_card(analysis)}{''.join(toggles)}"
        f'<div class="fl-legend">{"".join(legend)} '
        '<small style="color:#666">(click to switch a layer; hover for the entry)</small></div>'
        f'<div class="fl-body">{body}</div></div>'
    )
