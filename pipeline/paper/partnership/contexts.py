"""Each section's context: what the partnership paper's templates are given, worded once.

One function per section, named as its template. Sentences built from the figures (summary,
recommendations, the load) are made here; the templates only lay them out.
"""

from __future__ import annotations

from itertools import combinations

from pipeline.measures.partnership_view import LoadFigures, PartnershipView
from pipeline.paper.filters import (
    format_date,
    format_month,
    format_share,
    format_target,
    join_words,
    plural,
)
from pipeline.paper.sections.background import contact_lines
from pipeline.spec.partnership import DUPLICATE_SIMILARITY, IGNORED_WORDS, SHORTEST_WORD
from pipeline.spec.period import Period

PARTNERS_PER_TABLE = 3  # organisations across in one part of the standards table
MONTHS_PER_TABLE = 5  # months across in one part of the load table
REPORT_TITLE = "Partnership Consultation and Community Involvement (CCI) Framework Progress Report"


def title(period: Period) -> str:
    return f"{REPORT_TITLE} ({period.label})"


def header(view: PartnershipView) -> dict:
    details = view.details
    return {
        "organisation": details.name,
        "title": title(view.period),
        "rows": [
            ("Meeting", details.board),
            (
                "Date",
                format_date(details.meeting_date) if details.meeting_date else "To be confirmed",
            ),
            ("Title", title(view.period)),
            ("Report author", details.author),
        ],
    }


def _load_sentence(load: LoadFigures) -> str:
    """What the load table shows, in a sentence: the cells over the limit and the busiest."""
    cells = [
        f"{c.area} in {format_month(c.month)} ({plural(c.activities, 'activity', 'activities')})"
        for c in load.busiest
    ]
    if load.limit is None:
        if not cells:
            return "No activity of the partners ran in any area assembly in the period."
        return f"The busiest area assembly and month was {join_words(cells)}."
    if not load.over_cells:
        return (
            f"No area assembly had more than the partnership's limit of "
            f"{plural(load.limit, 'activity', 'activities')} running in any month."
        )
    more = load.over_cells - len(cells)
    tail = f", and {plural(more, 'other')}" if more else ""
    return (
        f"In {plural(load.over_cells, 'month and area', 'months and areas')} more than the "
        f"partnership's limit of {plural(load.limit, 'activity', 'activities')} were running: "
        f"the busiest were {join_words(cells)}{tail}."
    )


def summary(view: PartnershipView) -> dict:
    partners, whole = view.partners, view.whole
    counts = [f"{p.name} {plural(p.active, 'activity', 'activities')}" for p in partners]
    activities = "consultation and involvement activit"
    ran = plural(whole.active, f"{activities}y", f"{activities}ies")
    sentences = [
        f"From {view.period.label_to} the {len(partners)} organisations of the "
        f"{view.details.name} ran {ran}: {join_words(counts)}."
    ]
    sentences.append(
        f"{plural(view.clash_count, 'pair of activities', 'pairs of activities')} led by "
        "different partners clashed (the same people asked at the same time, in the same area), "
        f"and {plural(view.duplicate_count, 'pair', 'pairs')} may duplicate each other "
        "(section 4)."
        if view.clash_count or view.duplicate_count
        else "No activities of different partners clashed or looked like duplicates (section 4)."
    )
    sentences.append(_load_sentence(view.crowding))
    for p in partners:
        names = [s.name.lower() for s in p.red]
        if names:
            sentences.append(
                f"{p.name} is Red on {plural(len(names), 'shared standard')}: {join_words(names)}."
            )
    if not any(p.red for p in partners):
        sentences.append("No partner is Red on any shared standard.")
    return {"sentences": sentences, "partners": partners, "whole": whole, "period": view.period}


def _concerned(view: PartnershipView) -> list[str]:
    """The partners named in a clash or a possible duplicate across partners."""
    named = {row.label for row in view.clash_table if row.total}
    named |= {d.organisation_a for d in view.duplicates} | {
        d.organisation_b for d in view.duplicates
    }
    return [p.name for p in view.partners if p.name in named]


def recommendations(view: PartnershipView) -> dict:
    items = [
        f"That the progress of the Partnership CCI Framework from {view.period.label_to} be noted."
    ]
    red = [p.name for p in view.partners if p.red]
    if red:
        items.append(
            f"That {join_words(red)} each agree a plan to bring "
            f"{'its' if len(red) == 1 else 'their'} Red standards (section 3) up to target, "
            f"and report back to a future meeting of the {view.details.board}."
        )
    concerned = _concerned(view)
    if view.clash_count or view.duplicate_count:
        items.append(
            f"That the partners concerned ({join_words(concerned)}) agree a joint approach to the "
            "clashes and possible duplicates set out in section 4, so that residents are asked "
            "once and at a time that suits them."
        )
    return {"items": items}


def _parts(items: list, size: int) -> list[tuple[int, int, slice]]:
    starts = range(0, len(items), size)
    return [(n, len(starts), slice(s, s + size)) for n, s in enumerate(starts, 1)]


def standards(view: PartnershipView) -> dict:
    organisations = [*view.partners, view.whole]
    names = [p.name for p in view.partners] + ["The partnership"]
    parts = []
    for number, of, columns in _parts(organisations, PARTNERS_PER_TABLE):
        rows = [
            {
                "name": figure.name,
                "target": format_target(figure.target, figure.unit),
                "figures": [o.standards[i] for o in organisations[columns]],
            }
            for i, figure in enumerate(view.whole.standards)
        ]
        parts.append({"number": number, "of": of, "names": names[columns], "rows": rows})
    return {"parts": parts, "period": view.period}


def working_together(view: PartnershipView) -> dict:
    table = view.clash_table
    pairs = [
        (table[i].label, table[j].label, table[i].counts[j])
        for i, j in combinations(range(len(table)), 2)
        if table[i].counts[j]
    ]
    load = view.crowding
    load_parts = [
        {
            "number": number,
            "of": of,
            "months": load.months[columns],
            "rows": [
                (row.area, list(zip(row.counts[columns], row.over[columns], strict=True)))
                for row in load.rows
            ],
        }
        for number, of, columns in _parts(list(load.months), MONTHS_PER_TABLE)
    ]
    return {
        "clash_count": view.clash_count,
        "partner_pairs": pairs,
        "clashes": view.clashes,
        "clashes_more": view.clash_count - len(view.clashes),
        "duplicate_count": view.duplicate_count,
        "duplicates": view.duplicates,
        "duplicates_more": view.duplicate_count - len(view.duplicates),
        "similar": format_share(DUPLICATE_SIMILARITY),
        "load_sentence": _load_sentence(load),
        "load_parts": load_parts,
        "limit": load.limit,
    }


def forward_plan(view: PartnershipView) -> dict:
    return {"plan": view.upcoming, "website": view.details.website}


def background(view: PartnershipView) -> dict:
    details = view.details
    return {
        "papers": details.background_papers,
        "files": len(view.files),
        "contact": contact_lines(details),
    }


def appendix_definitions(view: PartnershipView) -> dict:
    ignored = join_words([f"'{w}'" for w in IGNORED_WORDS])
    together = [
        (
            "Clashes across partners",
            "Pairs of activities of A led by two different organisations whose dates overlap, "
            "that target at least one of the same communities of interest, and that take place "
            "in the same area assembly (or where either is borough-wide): the rule of the "
            "coordination clashes standard.",
        ),
        (
            "Possible duplicates",
            "Pairs of activities of A led by two different organisations whose dates overlap, in "
            "the same area assembly (or where either is borough-wide), whose titles are alike: "
            "the words of each title (lower case; a word is a run of letters and digits; words "
            f"shorter than {SHORTEST_WORD} characters and the words {ignored} left out) share "
            f"at least {format_share(DUPLICATE_SIMILARITY)} of the words in either title.",
        ),
        (
            "Consultation load",
            "For each area assembly and calendar month of the period, the activities of all "
            "partners, not cancelled, running on at least one day of that month in that area; "
            "a borough-wide activity counts in every area.",
        ),
    ]
    return {"standards": view.whole.standards, "together": together}


def appendix_data_quality(view: PartnershipView) -> dict:
    council = next((p.name for p in view.partners if p.sector == "council"), "")
    registers = [
        (_owner(f.name, view, council), f.name, f.rows_read, f.rows_set_aside)
        for f in view.files
        if f.dataset == "activity_register"
    ]
    return {
        "registers": registers,
        "set_aside": view.set_aside,
        "total": sum(r.rows for r in view.set_aside),
    }


def _owner(name: str, view: PartnershipView, council: str) -> str:
    """Whose register a file is: a partner's own in partners/, else the council's."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if name.startswith("partners/"):
        return next((p.name for p in view.partners if p.short_name == stem), stem)
    return council


def appendix_provenance(view: PartnershipView) -> dict:
    meeting = view.details.meeting_date
    return {
        "period": view.period,
        "meeting": meeting.isoformat() if meeting else "not set",
        "code": view.code,
        "files": view.files,
    }
