"""The partnership's own files: ``reference/partners.csv``, ``reference/partnership.toml`` and
the partners' registers in ``partners/``, checked before any notebook runs.

:func:`preflight_partnership` checks the council's folder as the council's paper does
(:func:`pipeline.ingest.load.preflight`), then these files: every row of ``partners.csv`` (a bad
one is a stop, as in ``reference/``), the settings, and that every file in ``partners/`` is the
register of an organisation of the partnership, opens, and has the register's columns.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from pipeline.errors import InputError
from pipeline.ingest.cells import match_categories, normalise_scalar, normalise_text
from pipeline.ingest.folder import (
    DATASET_SUFFIXES,
    REFERENCE_FOLDER,
    UNREADABLE,
    _header_problems,
    header_map,
    is_leftover,
    unreadable_problem,
)
from pipeline.ingest.inputs import InputFile, ReportSettings
from pipeline.ingest.load import CheckedFolder, preflight
from pipeline.ingest.readers import read_table, sha256_of
from pipeline.ingest.reference import _row_problems
from pipeline.spec import contract
from pipeline.spec.partnership import (
    COUNCIL_SECTOR,
    PARTNERS_COLUMNS,
    PARTNERS_FILE,
    PARTNERS_FOLDER,
    PARTNERSHIP_SETTINGS_FILE,
    PARTNERSHIP_SETTINGS_REQUIRED,
    SECTORS,
    SHORT_NAME,
    Partner,
    PartnershipSettings,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckedPartnership:
    """What the partnership's pre-flight check found."""

    council: CheckedFolder
    partners: tuple[Partner, ...]
    settings: PartnershipSettings
    registers: dict[str, Path]  # short_name -> that partner's own register
    files: tuple[str, ...]  # every file read, relative to the folder: the run id's inputs
    reference_files: tuple[InputFile, ...]  # partners.csv and partnership.toml

    @property
    def council_partner(self) -> Partner:
        return next(p for p in self.partners if p.is_council)


def read_partners(data_dir: Path) -> tuple[tuple[Partner, ...], InputFile]:
    """``reference/partners.csv``: one Partner per row; any bad row stops (InputError)."""
    name = f"{REFERENCE_FOLDER}/{PARTNERS_FILE}"
    path = data_dir / REFERENCE_FOLDER / PARTNERS_FILE
    if not path.is_file():
        msg = (
            f"{name} is missing: a partnership's data folder lists its organisations there "
            "(columns name, short_name, sector)"
        )
        raise InputError(msg)
    table = read_table(path, name)
    positions, problems = header_map(table.headers, name, PARTNERS_COLUMNS)
    if problems:
        raise InputError(problems)
    text = pd.DataFrame({c: normalise_text(table.cells[positions[c]]) for c in PARTNERS_COLUMNS})
    names, shorts = text["name"], text["short_name"]
    problems += _row_problems(table, "name", names.eq(""), "name is empty")
    problems += _row_problems(
        table,
        "name",
        names.ne("") & names.str.lower().duplicated(),
        "'" + names + "' is listed more than once",
    )
    problems += _row_problems(
        table,
        "short_name",
        ~shorts.str.fullmatch(SHORT_NAME.pattern),
        "'" + shorts + "' must be letters, digits and hyphens only (it is used in file names)",
    )
    problems += _row_problems(
        table,
        "short_name",
        shorts.ne("") & shorts.str.lower().duplicated(),
        "'" + shorts + "' is the short_name of another organisation too",
    )
    sectors, bad_sector = match_categories(text["sector"], SECTORS)
    problems += _row_problems(
        table,
        "sector",
        bad_sector | text["sector"].eq(""),
        "'" + text["sector"] + "' is not a sector: use one of " + ", ".join(SECTORS),
    )
    councils = int(sectors.eq(COUNCIL_SECTOR).sum())
    if councils != 1:
        problems.append(
            f"{name} has {councils} rows with the sector council: exactly one must be the "
            "council whose data folder this is"
        )
    if problems:
        raise InputError(problems)
    partners = tuple(
        Partner(n, s, str(sector))
        for n, s, sector in zip(names, shorts, sectors.astype(str), strict=True)
    )
    return partners, InputFile("partners", name, table.sha256, len(table), 0)


def default_settings(council: ReportSettings, council_name: str) -> PartnershipSettings:
    """What the paper says about itself without ``partnership.toml``: the council's partnership,
    its board, and the council paper's author and contact."""
    return PartnershipSettings(
        name=f"{council_name} and partners",
        board="Partnership Board",
        author=council.author,
        contact=council.contact,
    )


def read_partnership_settings(
    data_dir: Path,
) -> tuple[PartnershipSettings | None, InputFile | None]:
    """``reference/partnership.toml`` (None, None without it); InputError naming every problem."""
    name = f"{REFERENCE_FOLDER}/{PARTNERSHIP_SETTINGS_FILE}"
    path = data_dir / REFERENCE_FOLDER / PARTNERSHIP_SETTINGS_FILE
    if path.is_dir():
        raise InputError(f"{name} is a folder, not a file")
    if not path.exists():
        return None, None
    raw = path.read_bytes()
    try:
        values = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8 text: save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name} is not valid TOML: {exc}") from None
    problems = [
        f"{name} has no '{key}', which is required"
        if key not in values
        else f"{name}: {key} must be a non-empty text in quotes"
        for key in PARTNERSHIP_SETTINGS_REQUIRED
        if not isinstance(values.get(key), str) or not values[key].strip()
    ]
    papers = values.get("background_papers", [])
    if not isinstance(papers, list) or not all(isinstance(p, str) for p in papers):
        problems.append(f'{name}: background_papers must be a list of titles, ["..."]')
    meeting = values.get("meeting_date")
    if meeting is not None and (not isinstance(meeting, date) or isinstance(meeting, datetime)):
        problems.append(
            f"{name}: meeting_date must be a date written without quotes, e.g. "
            "meeting_date = 2007-03-20"
        )
    limit = values.get("load_limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        problems.append(f"{name}: load_limit must be a whole number of 0 or more, without quotes")
    if problems:
        raise InputError(problems)
    settings = PartnershipSettings(
        **{key: normalise_scalar(values[key]) for key in PARTNERSHIP_SETTINGS_REQUIRED},
        background_papers=tuple(normalise_scalar(p) for p in papers),
        meeting_date=meeting,
        load_limit=limit,
    )
    return settings, InputFile("partnership_settings", name, sha256_of(raw), 0, 0)


def partner_registers(data_dir: Path, partners: tuple[Partner, ...]) -> dict[str, Path]:
    """short_name -> the partner's own register in ``partners/``; InputError for a file that is
    no partner's, doubled, unreadable or without the register's columns."""
    folder = data_dir / PARTNERS_FOLDER
    if not folder.exists():
        return {}
    if not folder.is_dir():
        msg = f"{PARTNERS_FOLDER} must be a folder of partners' registers, but it is a file"
        raise InputError(msg)
    by_short = {p.short_name.lower(): p for p in partners}
    known = ", ".join(p.short_name for p in partners)
    registers: dict[str, Path] = {}
    problems: list[str] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if is_leftover(path):
            continue
        partner = by_short.get(path.stem.lower())
        problem = _register_problem(path, partner, known, registers)
        if problem:
            problems.append(problem)
        elif partner is not None and path.suffix.lower() in DATASET_SUFFIXES:
            registers[partner.short_name] = path
            problems += _header_problems(
                path, f"{PARTNERS_FOLDER}/{path.name}", contract.ACTIVITY_REGISTER
            )
    if problems:
        raise InputError(problems)
    return registers


def _register_problem(
    path: Path, partner: Partner | None, known: str, registers: dict[str, Path]
) -> str | None:
    """What is wrong with a file of ``partners/`` as a partner's register, if anything."""
    name = f"{PARTNERS_FOLDER}/{path.name}"
    suffix = path.suffix.lower()
    if path.is_dir():
        return f"{name} is a folder, not a file"
    if suffix in UNREADABLE:
        return unreadable_problem(name, suffix)
    if suffix not in DATASET_SUFFIXES:
        log.info("Note: %s is not a register (.csv or .xlsx), so it is left out", name)
        return None
    if partner is None:
        return (
            f"{name}: '{path.stem}' is not the short_name of an organisation in "
            f"{REFERENCE_FOLDER}/{PARTNERS_FILE} (they are: {known})"
        )
    if partner.short_name in registers:
        first = f"{PARTNERS_FOLDER}/{registers[partner.short_name].name}"
        return (
            f"Both {first} and {name} are in the {PARTNERS_FOLDER} folder: remove one, "
            "so that it is clear which to read"
        )
    return None


def preflight_partnership(data_dir: Path) -> CheckedPartnership:
    """The council's pre-flight check, then the partnership's files; InputError lists every
    problem found (those of the council's folder first)."""
    data_dir = Path(data_dir)
    council = preflight(data_dir)
    problems: list[str] = []
    found = {}
    for key, check in (
        ("partners", lambda: read_partners(data_dir)),
        ("settings", lambda: read_partnership_settings(data_dir)),
    ):
        try:
            found[key] = check()
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    partners, partners_file = found["partners"]
    settings, settings_file = found["settings"]
    if settings is None:
        council_name = next(p.name for p in partners if p.is_council)
        settings = default_settings(council.settings, council_name)
        log.info(
            "Note: there is no %s/%s, so the paper is headed %s for the %s",
            REFERENCE_FOLDER,
            PARTNERSHIP_SETTINGS_FILE,
            settings.name,
            settings.board,
        )
    registers = partner_registers(data_dir, partners)
    read = (partners_file, settings_file) if settings_file else (partners_file,)
    files = (
        *council.files,
        *(f.name for f in read),
        *(f"{PARTNERS_FOLDER}/{p.name}" for p in registers.values()),
    )
    return CheckedPartnership(council, partners, settings, registers, tuple(sorted(files)), read)
