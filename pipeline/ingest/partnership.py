"""Reading a partnership's data folder: the council's files, then every partner's register.

:func:`load_partnership` reads the council's folder as the council's paper does
(:func:`pipeline.ingest.load.load_inputs`), then each partner's own register in ``partners/``
with the activity register's columns and rules (:func:`pipeline.ingest.rows.read_dataset`).
Every activity then names its organisation as ``partners.csv`` spells it:

- in a partner's register an empty ``organisation`` is that partner's; one naming another body
  sets the row aside;
- in the council's register an empty one is the council's, and one that is not an organisation
  of ``partners.csv`` sets the row aside;
- an ``activity_id`` used in two registers sets aside every row that uses it.

The set-aside rows carry a ``partner`` column first: the organisation whose register the row is
in (for a partner's row logged in the council's register, that partner).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.errors import InputError, StrictModeError
from pipeline.ingest.cells import normalise_text
from pipeline.ingest.folder import header_map
from pipeline.ingest.inputs import SET_ASIDE_COLUMNS, InputFile, Inputs
from pipeline.ingest.load import column_faults, load_inputs, strict_problems
from pipeline.ingest.partners import CheckedPartnership, preflight_partnership
from pipeline.ingest.readers import Table, read_table
from pipeline.ingest.reference import Reference
from pipeline.ingest.rows import _records, read_dataset
from pipeline.spec import contract
from pipeline.spec.partnership import PARTNERS_FOLDER, Partner, PartnershipSettings

PARTNERSHIP_FILE = "partnership.json"
REGISTER = contract.ACTIVITY_REGISTER.name


@dataclass
class PartnershipInputs:
    """A partnership's inputs: ``inputs`` holds every partner's activities (``organisation`` as
    ``partners.csv`` spells it), the council's other files, every file read and every row set
    aside (with its ``partner``)."""

    inputs: Inputs
    partners: tuple[Partner, ...]
    settings: PartnershipSettings

    @property
    def council(self) -> Partner:
        return next(p for p in self.partners if p.is_council)

    def save(self, folder: Path) -> None:
        self.inputs.save(folder)
        meta = {
            "partners": [vars(p) for p in self.partners],
            "settings": {
                **vars(self.settings),
                "background_papers": list(self.settings.background_papers),
                "meeting_date": (
                    self.settings.meeting_date.isoformat() if self.settings.meeting_date else None
                ),
            },
        }
        (folder / PARTNERSHIP_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> PartnershipInputs:
        from datetime import date

        meta = json.loads((Path(folder) / PARTNERSHIP_FILE).read_text(encoding="utf-8"))
        settings = dict(meta["settings"])
        settings["background_papers"] = tuple(settings["background_papers"])
        if settings["meeting_date"]:
            settings["meeting_date"] = date.fromisoformat(settings["meeting_date"])
        return cls(
            Inputs.load(folder),
            tuple(Partner(**p) for p in meta["partners"]),
            PartnershipSettings(**settings),
        )


def _reference(inputs: Inputs) -> Reference:
    """What a register's rows are checked against, from the council's checked inputs."""
    lists = {
        "area_assemblies": inputs.area_assemblies,
        "communities_of_interest": inputs.communities,
        "programme_areas": inputs.programme_areas,
    }
    return Reference(lists, {}, inputs.settings, inputs.elections)


def _set_aside(table: Table, bad: np.ndarray, column: str, reason: str | pd.Series) -> pd.DataFrame:
    """Set-aside rows of ``table`` (``bad``: a mask over its rows) for one column."""
    count = int(bad.sum())
    reasons = reason[bad].to_numpy() if isinstance(reason, pd.Series) else [reason] * count
    return pd.DataFrame(
        {
            "dataset": [REGISTER] * count,
            "file": [table.name] * count,
            "row": table.rows[bad],
            "column": [column] * count,
            "reason": reasons,
            "record": _records(table, bad).to_numpy(),
        },
        columns=list(SET_ASIDE_COLUMNS),
    )


def _organisation_text(table: Table) -> pd.Series:
    """The register's ``organisation`` cells as normalised text ("" when empty or absent)."""
    positions, _ = header_map(table.headers, table.name, ())
    if "organisation" not in positions:
        return pd.Series("", index=table.cells.index, dtype="str")
    return normalise_text(table.cells[positions["organisation"]])


def _by_row(table: Table, frame: pd.DataFrame) -> np.ndarray:
    """For each row of ``frame`` (read from ``table``), its position among the table's rows."""
    return np.searchsorted(table.rows, frame["row"].to_numpy())


def _partner_register(
    partner: Partner, path: Path, name: str, reference: Reference
) -> tuple[pd.DataFrame, pd.DataFrame, Table]:
    """A partner's own register: (its activities, its set-aside rows, its table)."""
    table = read_table(path, name)
    frame, set_aside = read_dataset(contract.ACTIVITY_REGISTER, [table], reference)
    named = _organisation_text(table)
    other = named.ne("") & named.str.lower().ne(partner.name.lower())
    kept_other = other.to_numpy()[_by_row(table, frame)]
    bad = np.zeros(len(table), dtype=bool)
    bad[_by_row(table, frame[kept_other])] = True
    reason = (
        "organisation '"
        + named
        + f"' is not {partner.name}: the rows of {name} are {partner.name}'s (log another "
        "body's activities in its own register)"
    )
    set_aside = pd.concat([set_aside, _set_aside(table, bad, "organisation", reason)])
    frame = frame[~kept_other].assign(organisation=partner.name)
    return frame, set_aside, table


def _council_register(
    inputs: Inputs, partners: tuple[Partner, ...], council: Partner, data_dir: Path
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The council's register with every organisation as partners.csv spells it, and the rows
    naming a body that is not of the partnership, set aside."""
    activities = inputs.activities
    lookup = {p.name.lower(): p.name for p in partners}
    lookup.setdefault(inputs.settings.organisation.lower(), council.name)  # an empty cell
    canonical = activities["organisation"].str.lower().map(lookup)
    unknown = canonical.isna().to_numpy()
    if not unknown.any():
        return activities.assign(organisation=canonical.astype("str")), _empty_set_aside()
    parts = []
    for file, rows in activities[unknown].groupby("file", sort=True):
        table = read_table(data_dir / str(file), str(file))
        bad = np.zeros(len(table), dtype=bool)
        bad[_by_row(table, rows)] = True
        reason = (
            "organisation '"
            + _organisation_text(table)
            + "' is not an organisation of the partnership in reference/partners.csv"
        )
        parts.append(_set_aside(table, bad, "organisation", reason))
    kept = activities[~unknown].assign(organisation=canonical[~unknown].astype("str"))
    return kept, pd.concat(parts, ignore_index=True)


def _empty_set_aside() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="str") for c in SET_ASIDE_COLUMNS}).astype(
        {"row": "int64"}
    )


def _repeated_ids(
    activities: pd.DataFrame, tables: dict[str, Table], data_dir: Path
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Activities whose id another register of the partnership uses too, set aside (all of
    them: none can be trusted over the others)."""
    repeated = activities["activity_id"].duplicated(keep=False).to_numpy()
    if not repeated.any():
        return activities, _empty_set_aside()
    used_in = (
        activities[repeated].groupby("activity_id")["file"].unique().map(sorted).str.join(", ")
    )
    parts = []
    for file, rows in activities[repeated].groupby("file", sort=True):
        table = tables.get(str(file)) or read_table(data_dir / str(file), str(file))
        reason = pd.Series("", index=range(len(table)), dtype="str")
        reason.iloc[_by_row(table, rows)] = (
            "duplicate activity_id: the registers "
            + rows["activity_id"].map(used_in).to_numpy()
            + " all use it, so every row with this id is set aside"
        )
        bad = np.zeros(len(table), dtype=bool)
        bad[_by_row(table, rows)] = True
        parts.append(_set_aside(table, bad, "activity_id", reason))
    return activities[~repeated], pd.concat(parts, ignore_index=True)


# The organisation cell of a set-aside row's record (its original cells as JSON).
_ORGANISATION_CELL = r'(?i)"[\s_-]*organisation[\s_-]*"\s*:\s*"((?:[^"\\]|\\.)*)"'


def _partner_of_rows(
    set_aside: pd.DataFrame, owners: dict[str, str], council: Partner, partners: tuple[Partner, ...]
) -> pd.Series:
    """Whose row each set-aside row is: the partner whose own register it is in; in the council's
    files, the partner its ``organisation`` cell names (the council when empty or unknown)."""
    lookup = {p.name.lower(): p.name for p in partners}
    named = set_aside["record"].str.extract(_ORGANISATION_CELL, expand=False)
    by_record = named.str.strip().str.lower().map(lookup).fillna(council.name)
    by_file = set_aside["file"].astype("str").map(pd.Series(owners, dtype="str"))
    return by_file.astype("str").fillna(by_record).astype("str")


def load_partnership(
    data_dir: Path, *, strict: bool = False, checked: CheckedPartnership | None = None
) -> PartnershipInputs:
    """Every partner's activities, typed and checked, with the council's other inputs."""
    data_dir = Path(data_dir)
    checked = checked or preflight_partnership(data_dir)
    council = checked.council_partner
    inputs = load_inputs(data_dir, strict=False)
    reference = _reference(inputs)
    registers, set_asides, files, tables = [], [], [], {}
    owners: dict[str, str] = {}
    by_short = {p.short_name: p for p in checked.partners}
    for short_name, path in checked.registers.items():
        partner = by_short[short_name]
        name = f"{PARTNERS_FOLDER}/{path.name}"
        frame, set_aside, table = _partner_register(partner, path, name, reference)
        registers.append(frame)
        set_asides.append(set_aside)
        tables[name], owners[name] = table, partner.name
        files.append(InputFile(REGISTER, name, table.sha256, len(table), len(set_aside)))
    own, unknown = _council_register(inputs, checked.partners, council, data_dir)
    activities = pd.concat([own, *registers], ignore_index=True)
    activities, repeated = _repeated_ids(activities, tables, data_dir)
    set_aside = pd.concat([inputs.set_aside, unknown, *set_asides, repeated], ignore_index=True)
    set_aside.insert(0, "partner", _partner_of_rows(set_aside, owners, council, checked.partners))
    if strict and len(set_aside):
        raise StrictModeError(strict_problems(set_aside))
    faults = column_faults(set_aside, {f.name: f.rows_read for f in (*inputs.files, *files)})
    if faults:
        raise InputError(faults)
    counted = set_aside["file"].value_counts()
    all_files = tuple(
        replace(f, rows_set_aside=int(counted.get(f.name, 0))) if f.dataset == REGISTER else f
        for f in (*inputs.files, *files, *checked.reference_files)
    )
    whole = replace(
        inputs,
        activities=activities.reset_index(drop=True),
        set_aside=set_aside,
        files=all_files,
    )
    return PartnershipInputs(whole, checked.partners, checked.settings)
