"""The sample partnership: the sample council with four partners, as the framework named them.

- South Yorkshire Police keeps its own register as CSV with UK dates (``partners/police.csv``);
- Rotherham PCT keeps an Excel workbook with real date cells (``partners/pct.xlsx``);
- the Rotherham Ethnic Minority Alliance keeps a small CSV with dates as a spreadsheet shows
  them (``12 April 2006``; ``partners/rema.csv``);
- Voluntary Action Rotherham logs its activities in the council's register (as do some of the
  police's and the PCT's earlier ones).

A few records are written by hand so that the paper has something to show: possible duplicates
across partners (one exactly at the similarity threshold), near misses (the same title in
another area, at another time, by the same organisation, or alike but not enough), clashes
across partners, a busy area in the run-up to the May 2006 elections, and two rows that break
the contract (a US date; another body's activity). The rest are drawn at random from fixed
seeds, ``scale`` times as many for the benchmark.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.sample_data.common import EXTRACT, NAT, rng_for, uk, write_csv
from pipeline.sample_data.reference import AREA_ASSEMBLIES

PARTNERS_CSV = """name,short_name,sector
Rotherham Metropolitan Borough Council,rmbc,council
South Yorkshire Police,police,police
Rotherham PCT,pct,health
Voluntary Action Rotherham,var,voluntary and community
Rotherham Ethnic Minority Alliance,rema,voluntary and community
"""

PARTNERSHIP_TOML = """# What the partnership paper says about itself (see the README).
name = "Rotherham Partnership"
board = "Rotherham Partnership Board"
meeting_date = 2007-03-20
author = "Partnership Consultation Co-ordinator"
contact = "Community Involvement Team, Chief Executive's Department, on behalf of the partners"
background_papers = [
    "Corporate Consultation and Community Involvement (CCI) Framework",
    "Rotherham Local Area Agreement",
    "Partnership Board minutes, September 2006",
]
load_limit = 32
"""

COLUMNS = (
    "activity_id",
    "title",
    "programme_area",
    "organisation",
    "activity_type",
    "method",
    "formal",
    "registered_date",
    "start_date",
    "end_date",
    "status",
    "decision_ref",
    "target_groups",
    "area_assembly",
    "participants",
    "cost_gbp",
    "results_published_date",
    "feedback_date",
    "influence",
    "evaluated",
    "you_said",
    "we_did",
)
BME = "Black and minority ethnic communities"
# Records written by hand (see the module docstring), in seeds/: one row each, with the partner,
# title, programme area, method, dates, area and target groups.
WRITTEN = Path(__file__).resolve().parent / "seeds" / "partnership_written.csv"
# Rows that break the contract: (partner, the cells that differ from a good row)
BROKEN = (
    ("police", {"title": "Rural crime survey", "start_date": "04/25/2006"}),
    (
        "pct",
        {
            "title": "Hospital car parking charges",
            "organisation": "Rotherham General Hospitals NHS Trust",
        },
    ),
)
# What each partner consults on at random: (titles, programme area, target group or "")
RANDOM_TOPICS = {
    "police": (
        (
            "Neighbourhood policing priorities",
            "Partners and Communities Together priorities",
            "Road safety enforcement",
            "Policing pledge",
            "Victims' satisfaction",
        ),
        "Neighbourhoods",
        ("", "", "Young people", "Older people", BME),
    ),
    "pct": (
        (
            "Local Delivery Plan",
            "Mental health services",
            "Maternity services",
            "Community nursing",
            "Health inequalities",
            "Pharmacy opening hours",
        ),
        "Adult Social Services",
        ("", "", "Older people", "Disabled people", "Carers"),
    ),
    "rema": (
        (
            "Interpreting services",
            "Community languages",
            "Racial harassment support",
            "Refugee and asylum seeker needs",
        ),
        "Chief Executive's",
        (BME, BME, f"{BME};Faith communities"),
    ),
}
RANDOM_COUNTS = {"police": 30, "pct": 24, "rema": 8}
METHOD_WORDS = {
    "postal survey": "postal survey",
    "focus group": "focus groups",
    "public meeting": "public meeting",
    "workshop": "workshop",
    "drop-in": "drop-in",
}
AREAS = (*AREA_ASSEMBLIES, "Borough-wide")
PREFIX = {"police": "SYP", "pct": "PCT", "rema": "REMA"}
STREAM = 90  # the random streams of the partnership (the council's use lower numbers)


def _random_rows(partner: str, count: int, rng: np.random.Generator) -> pd.DataFrame:
    """``count`` activities of ``partner`` drawn at random, April 2005 to February 2007."""
    titles, programme, groups = RANDOM_TOPICS[partner]
    methods = list(METHOD_WORDS)
    method = rng.integers(0, len(methods), count)
    topic = rng.integers(0, len(titles), count)
    start = np.datetime64("2005-04-01") + rng.integers(0, 699, count).astype("timedelta64[D]")
    length = np.where(method == 0, rng.integers(28, 100, count), rng.integers(0, 2, count))
    title = np.char.add(
        np.char.add(np.array(titles)[topic], " "), np.array(list(METHOD_WORDS.values()))[method]
    )
    return pd.DataFrame(
        {
            "partner": partner,
            "title": title.astype(object),
            "programme_area": programme,
            "method": np.array(methods, dtype=object)[method],
            "start": start,
            "end": start + length.astype("timedelta64[D]"),
            "area": np.array(AREAS, dtype=object)[rng.integers(0, len(AREAS), count)],
            "groups": np.array(groups, dtype=object)[rng.integers(0, len(groups), count)],
        }
    )


def _written_rows() -> pd.DataFrame:
    frame = pd.read_csv(WRITTEN, dtype=str, keep_default_na=False)
    frame["start"] = frame["start"].to_numpy(dtype="datetime64[D]")
    frame["end"] = frame["end"].to_numpy(dtype="datetime64[D]")
    return frame


def _registers(scale: int) -> pd.DataFrame:
    """Every partner's activities with the register's columns (dates as datetime64[D])."""
    rng = rng_for(STREAM)
    drawn = [_random_rows(p, RANDOM_COUNTS[p] * scale, rng) for p in RANDOM_COUNTS]
    rows = pd.concat([_written_rows(), *drawn], ignore_index=True)
    n = len(rows)
    start, end = rows["start"].to_numpy("datetime64[D]"), rows["end"].to_numpy("datetime64[D]")
    closed = end < EXTRACT
    later = rng.integers(14, 80, n).astype("timedelta64[D]")
    published = np.where(closed & (rng.random(n) < 0.7) & (end + later < EXTRACT), end + later, NAT)
    feedback_after = rng.integers(20, 120, n).astype("timedelta64[D]")
    feedback = np.where(
        closed & (rng.random(n) < 0.6) & (end + feedback_after < EXTRACT), end + feedback_after, NAT
    )
    linked = rng.random(n) < 0.5
    survey = rows["method"].str.contains("survey").to_numpy(bool)
    frame = pd.DataFrame(
        {
            "activity_id": "",
            "title": rows["title"],
            "programme_area": rows["programme_area"],
            "organisation": "",
            "activity_type": np.where(rows["method"].eq("forum"), "involvement", "consultation"),
            "method": rows["method"],
            "formal": np.where(survey & ((end - start).astype(int) > 40), "yes", "no"),
            "registered_date": start - rng.integers(5, 70, n).astype("timedelta64[D]"),
            "start_date": start,
            "end_date": end,
            "status": np.where(closed, "closed", np.where(start <= EXTRACT, "live", "planned")),
            "decision_ref": np.where(
                linked, np.char.add("PB/", (rng.integers(1, 99, n)).astype(str)), ""
            ),
            "target_groups": rows["groups"],
            "area_assembly": rows["area"],
            "participants": np.where(closed, rng.integers(8, 400, n).astype(str), ""),
            "cost_gbp": "",
            "results_published_date": published,
            "feedback_date": feedback,
            "influence": np.where(
                closed & linked,
                np.array(["changed", "informed", "no change"])[rng.integers(0, 3, n)],
                "",
            ),
            "evaluated": np.where(closed & (rng.random(n) < 0.5), "yes", "no"),
            "you_said": "",
            "we_did": "",
        }
    )
    frame.insert(0, "partner", rows["partner"])
    return frame


DATES = ("registered_date", "start_date", "end_date", "results_published_date", "feedback_date")


def _register_of(frame: pd.DataFrame, partner: str) -> pd.DataFrame:
    """One partner's register, in start order, with ids and its broken rows (dates typed)."""
    own = frame[frame["partner"].eq(partner)].drop(columns="partner")
    own = own.sort_values(["start_date", "title"], kind="stable").reset_index(drop=True)
    broken = [own.iloc[[0]].assign(**cells) for who, cells in BROKEN if who == partner]
    own = pd.concat([own, *broken], ignore_index=True)
    number = pd.Series(np.arange(1, len(own) + 1)).astype(str).str.zfill(4)
    own["activity_id"] = f"{PREFIX[partner]}-" + number
    return own


def _as_text(days: pd.Series, style: str) -> pd.Series:
    """Dates as the partner's spreadsheet shows them; text cells (a broken one) kept as they are."""
    written = days.map(lambda v: isinstance(v, str)).astype(bool)
    typed = pd.to_datetime(days.where(~written), errors="coerce")
    if style == "uk":
        shown = pd.Series(uk(typed.to_numpy("datetime64[D]")), index=days.index)
    else:  # "12 April 2006"
        shown = (
            typed.dt.day.astype("Int64").astype(str)
            + " "
            + typed.dt.month_name()
            + " "
            + typed.dt.year.astype("Int64").astype(str)
        )
    text = days.where(written, "")
    return shown.where(typed.notna(), text).fillna("")


def _write_workbook(frame: pd.DataFrame, path: Path) -> None:
    """An Excel workbook with real date cells, the same bytes every run."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Consultations"
    sheet.append(list(frame.columns))
    for record in frame.itertuples(index=False):
        sheet.append(
            [
                v.to_pydatetime().date()
                if isinstance(v, pd.Timestamp)
                else ("" if v is None or v != v else v)
                for v in record
            ]
        )
    for cell in sheet[1]:
        cell.number_format = "General"
    stamp = datetime(2007, 3, 5, 9, 0, 0)
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2007, 3, 5, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time it saved
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2007-03-05T09:00:00Z", data
                )
            out.writestr(fixed, data)


def write_partnership(out: Path, scale: int = 1) -> dict[str, int]:
    """The partnership's files in the data folder ``out``; the data rows written per file."""
    out = Path(out)
    (out / "reference").mkdir(parents=True, exist_ok=True)
    (out / "reference" / "partners.csv").write_text(PARTNERS_CSV, encoding="utf-8", newline="\n")
    (out / "reference" / "partnership.toml").write_text(
        PARTNERSHIP_TOML, encoding="utf-8", newline="\n"
    )
    frame = _registers(scale)
    for column in DATES:
        frame[column] = pd.Series(frame[column].to_numpy("datetime64[ns]"), dtype=object)
    counts = {"reference/partners.csv": PARTNERS_CSV.count("\n") - 1}
    for partner, style in (("police", "uk"), ("rema", "long")):
        register = _register_of(frame, partner)
        for column in DATES:
            register[column] = _as_text(register[column], style)
        write_csv(register[list(COLUMNS)], out / "partners" / f"{partner}.csv")
        counts[f"partners/{partner}.csv"] = len(register)
    register = _register_of(frame, "pct")
    for column in DATES:
        register[column] = (
            pd.to_datetime(register[column], errors="coerce")
            .astype(object)
            .where(register[column].notna(), None)
        )
    _write_workbook(register[list(COLUMNS)], out / "partners" / "pct.xlsx")
    counts["partners/pct.xlsx"] = len(register)
    return counts
