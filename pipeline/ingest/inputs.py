"""The typed contents of a data folder, as ingest hands them on.

Notebooks pass an :class:`Inputs` to each other through files in the run's
working folder (:meth:`Inputs.save` / :meth:`Inputs.load`), never through hidden
state. Nothing here carries a respondent id or any other row-level survey data
beyond the answers the indicators need.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from pipeline.spec.settings import ReportSettings

__all__ = ["SET_ASIDE_COLUMNS", "InputFile", "Inputs", "ReportSettings"]

SET_ASIDE_COLUMNS = ("dataset", "file", "row", "column", "reason", "record")


# The notebooks hand frames on as uncompressed Arrow IPC (Feather) files: the frames are Arrow
# already, so they are written and read back without encoding (at a hundred times the sample,
# a third of the time Parquet takes), dtypes and all. They are read memory-mapped: the frames'
# columns are the file's own pages, which the system has in memory since notebook 01 wrote them,
# rather than copies of them (at a hundred times the sample, 80 MB and 0.1-0.3 s less a reader).
HANDOFF_SUFFIX = ".arrow"


def save_frame(frame: pd.DataFrame, path: Path) -> None:
    frame.reset_index(drop=True).to_feather(path, compression="uncompressed")


def load_frame(path: Path, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    import pyarrow

    with pyarrow.memory_map(str(path)) as source:
        return pd.read_feather(source, columns=list(columns) if columns is not None else None)


@dataclass(frozen=True)
class InputFile:
    """One file read from the data folder."""

    dataset: str
    name: str  # path relative to the data folder, with forward slashes
    sha256: str
    rows_read: int
    rows_set_aside: int


@dataclass
class Inputs:
    """Everything the indicators and the paper are computed from."""

    activities: pd.DataFrame
    actions: pd.DataFrame
    training: pd.DataFrame
    surveys: pd.DataFrame
    area_assemblies: tuple[str, ...]
    communities: tuple[str, ...]
    programme_areas: tuple[str, ...]
    population: pd.DataFrame  # dimension, category, population (int)
    targets: pd.DataFrame  # indicator_id, target (float), tolerance (float, 0 when empty)
    settings: ReportSettings
    set_aside: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(SET_ASIDE_COLUMNS))
    )
    # name, polling_day: the polling days of reference/elections.csv (no rows without it)
    elections: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            {"name": pd.Series(dtype="str"), "polling_day": pd.Series(dtype="datetime64[ns]")}
        )
    )
    files: tuple[InputFile, ...] = ()
    # decision_ref, decision_date, decision_maker, title: decisions.csv, None without the file
    decisions: pd.DataFrame | None = None

    _FRAMES = (
        "activities",
        "actions",
        "training",
        "surveys",
        "population",
        "targets",
        "set_aside",
        "elections",
    )

    def save(self, folder: Path) -> None:
        """Write every frame as Arrow IPC (Feather) and the rest as JSON into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in self._FRAMES:
            save_frame(getattr(self, name), folder / f"{name}{HANDOFF_SUFFIX}")
        if self.decisions is not None:
            save_frame(self.decisions, folder / f"decisions{HANDOFF_SUFFIX}")
        meta = {
            "decisions": self.decisions is not None,
            "area_assemblies": list(self.area_assemblies),
            "communities": list(self.communities),
            "programme_areas": list(self.programme_areas),
            "settings": {
                **asdict(self.settings),
                "background_papers": list(self.settings.background_papers),
                "meeting_date": (
                    self.settings.meeting_date.isoformat() if self.settings.meeting_date else None
                ),
            },
            "files": [asdict(f) for f in self.files],
        }
        (folder / "inputs.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")

    @staticmethod
    def _settings(meta: dict) -> ReportSettings:
        settings = dict(meta["settings"])
        settings["background_papers"] = tuple(settings["background_papers"])
        if settings["meeting_date"]:
            settings["meeting_date"] = date.fromisoformat(settings["meeting_date"])
        return ReportSettings(**settings)

    @classmethod
    def load(cls, folder: Path) -> Inputs:
        folder = Path(folder)
        meta = json.loads((folder / "inputs.json").read_text(encoding="utf-8"))
        frames = {name: load_frame(folder / f"{name}{HANDOFF_SUFFIX}") for name in cls._FRAMES}
        if meta.get("decisions"):
            frames["decisions"] = load_frame(folder / f"decisions{HANDOFF_SUFFIX}")
        return cls(
            **frames,
            area_assemblies=tuple(meta["area_assemblies"]),
            communities=tuple(meta["communities"]),
            programme_areas=tuple(meta["programme_areas"]),
            settings=cls._settings(meta),
            files=tuple(InputFile(**f) for f in meta["files"]),
        )
