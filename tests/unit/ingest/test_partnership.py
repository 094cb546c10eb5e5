"""Reading a partnership's folder: partners.csv, partnership.toml and partners' registers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipeline.errors import InputError, StrictModeError
from pipeline.ingest.partners import preflight_partnership
from pipeline.ingest.partnership import PartnershipInputs, load_partnership
from tests.unit.ingest_data import ACTIVITY, ACTIVITY_2, csv_text, write_folder

PARTNERS = (
    "name,short_name,sector\n"
    "Rotherham Metropolitan Borough Council,rmbc,council\n"
    "South Yorkshire Police,police,police\n"
    "Rotherham PCT,pct,Health\n"
)
TOML = 'name = "Rotherham Partnership"\nboard = "Partnership Board"\nauthor = "Co-ordinator"\n'
TOML += 'contact = "Community Involvement Team"\nload_limit = 3\n'
POLICE = ACTIVITY | {"activity_id": "SYP-1", "start_date": "03/04/2006", "end_date": "30/06/2006"}


def _folder(tmp_path: Path, *, partners: str = PARTNERS, toml: str = TOML, **files) -> Path:
    council = files.pop("activities", None)
    root = write_folder(
        tmp_path / "data",
        activities=council,
        reference={"partners.csv": partners, "partnership.toml": toml},
    )
    (root / "partners").mkdir()
    for name, rows in files.items():
        (root / "partners" / name.replace("_", ".")).write_text(csv_text(rows), encoding="utf-8")
    return root


class TestPreflight:
    def test_a_good_folder_lists_every_file_read(self, tmp_path):
        root = _folder(tmp_path, police_csv=[POLICE])
        checked = preflight_partnership(root)
        assert "partners/police.csv" in checked.files
        assert "reference/partners.csv" in checked.files
        assert checked.settings.load_limit == 3
        assert [p.sector for p in checked.partners] == ["council", "police", "health"]
        assert checked.council_partner.short_name == "rmbc"

    def test_two_councils_and_a_bad_sector_name_the_rows(self, tmp_path):
        partners = PARTNERS + "Sheffield City Council,scc,council\nFire,fire-1,brigade\n"
        with pytest.raises(InputError) as error:
            preflight_partnership(_folder(tmp_path, partners=partners))
        text = str(error.value)
        assert "reference/partners.csv row 6, column sector: 'brigade' is not a sector" in text
        assert "has 2 rows with the sector council" in text

    def test_a_register_of_no_partner_is_named(self, tmp_path):
        root = _folder(tmp_path, fire_csv=[POLICE])
        with pytest.raises(InputError, match=r"partners/fire.csv: 'fire' is not the short_name"):
            preflight_partnership(root)

    def test_a_register_without_a_required_column_is_named(self, tmp_path):
        row = {k: v for k, v in POLICE.items() if k != "start_date"}
        with pytest.raises(InputError, match=r"partners/police\.csv has no 'start_date' column"):
            preflight_partnership(_folder(tmp_path, police_csv=[row]))

    def test_without_partnership_toml_the_council_papers_details_are_used(self, tmp_path):
        root = _folder(tmp_path)
        (root / "reference" / "partnership.toml").unlink()
        checked = preflight_partnership(root)
        assert checked.settings.name == "Rotherham Metropolitan Borough Council and partners"
        assert checked.settings.board == "Partnership Board"
        assert checked.settings.author == checked.council.settings.author
        assert checked.settings.load_limit is None
        assert "reference/partnership.toml" not in checked.files

    def test_settings_problems_are_all_named(self, tmp_path):
        toml = 'name = "P"\nboard = ""\nload_limit = "many"\n'
        with pytest.raises(InputError) as error:
            preflight_partnership(_folder(tmp_path, toml=toml))
        text = str(error.value)
        assert "partnership.toml: board must be a non-empty text" in text
        assert "partnership.toml has no 'author'" in text
        assert "load_limit must be a whole number" in text


class TestLoad:
    def test_rows_belong_to_their_partner_and_names_are_canonical(self, tmp_path):
        council = [ACTIVITY, ACTIVITY_2 | {"organisation": "rotherham pct"}]
        root = _folder(tmp_path, activities=council, police_csv=[POLICE])
        loaded = load_partnership(root)
        by_id = loaded.inputs.activities.set_index("activity_id")["organisation"]
        assert by_id.to_dict() == {
            "CCI-2006-001": "Rotherham Metropolitan Borough Council",
            "CCI-2006-002": "Rotherham PCT",
            "SYP-1": "South Yorkshire Police",
        }
        police = loaded.inputs.activities.set_index("activity_id").loc["SYP-1"]
        assert str(police["start_date"].date()) == "2006-04-03"  # a UK date

    def test_bad_rows_name_partner_file_column_and_row(self, tmp_path):
        rows = [
            POLICE,
            POLICE | {"activity_id": "SYP-2", "start_date": "04/25/2006"},
            POLICE | {"activity_id": "SYP-3", "organisation": "Rotherham PCT"},
        ]
        council = [ACTIVITY, ACTIVITY_2 | {"organisation": "Fire and Rescue"}]
        loaded = load_partnership(_folder(tmp_path, activities=council, police_csv=rows))
        aside = loaded.inputs.set_aside.sort_values(["file", "row"])
        got = aside[["partner", "file", "row", "column"]].values.tolist()
        assert got == [
            ["Rotherham Metropolitan Borough Council", "activity_register.csv", 3, "organisation"],
            ["South Yorkshire Police", "partners/police.csv", 3, "start_date"],
            ["South Yorkshire Police", "partners/police.csv", 4, "organisation"],
        ]
        assert "'Fire and Rescue' is not an organisation of the partnership" in aside.iloc[0, 5]
        assert json.loads(aside.iloc[2]["record"])["organisation"] == "Rotherham PCT"
        assert sorted(loaded.inputs.activities["activity_id"]) == ["CCI-2006-001", "SYP-1"]

    def test_an_id_in_two_registers_sets_every_row_with_it_aside(self, tmp_path):
        root = _folder(tmp_path, police_csv=[POLICE | {"activity_id": "CCI-2006-002"}])
        loaded = load_partnership(root)
        aside = loaded.inputs.set_aside
        assert sorted(aside["file"]) == ["activity_register.csv", "partners/police.csv"]
        assert set(aside["column"]) == {"activity_id"}
        assert "activity_register.csv, partners/police.csv" in aside["reason"].iloc[0]
        assert list(loaded.inputs.activities["activity_id"]) == ["CCI-2006-001"]

    def test_strict_names_the_partner(self, tmp_path):
        rows = [POLICE | {"end_date": "01/01/2006"}]
        with pytest.raises(
            StrictModeError,
            match=r"South Yorkshire Police, partners/police.csv row 2, column end_date",
        ):
            load_partnership(_folder(tmp_path, police_csv=rows), strict=True)

    def test_an_excel_register_is_read_with_its_date_cells(self, tmp_path):
        root = _folder(tmp_path)
        book = Workbook()
        sheet = book.active
        sheet.append(list(ACTIVITY))
        from datetime import date

        row = ACTIVITY | {"activity_id": "PCT-1", "start_date": date(2006, 5, 2)}
        sheet.append([row[k] for k in ACTIVITY])
        book.save(root / "partners" / "pct.xlsx")
        loaded = load_partnership(root)
        pct = loaded.inputs.activities.set_index("activity_id").loc["PCT-1"]
        assert pct["organisation"] == "Rotherham PCT"
        assert str(pct["start_date"].date()) == "2006-05-02"

    def test_saved_and_loaded_unchanged(self, tmp_path):
        loaded = load_partnership(_folder(tmp_path, police_csv=[POLICE]))
        loaded.save(tmp_path / "handoff")
        again = PartnershipInputs.load(tmp_path / "handoff")
        assert again.partners == loaded.partners
        assert again.settings == loaded.settings
        assert len(again.inputs.activities) == 3


class TestColumnFaults:
    def test_a_misspelt_partner_through_the_councils_register_stops_the_run(self, tmp_path):
        rows = [
            ACTIVITY | {"activity_id": f"CCI-{i:03d}", "organisation": "S Yorks Police"}
            for i in range(12)
        ]
        with pytest.raises(
            InputError, match=r"activity_register\.csv: 12 of its 12 rows .* organisation"
        ):
            load_partnership(_folder(tmp_path, activities=rows))

    def test_without_partners_registers_a_council_row_set_aside_is_the_councils(self, tmp_path):
        council = [ACTIVITY, ACTIVITY | {"activity_id": "CCI-9", "end_date": "2006-01-01"}]
        loaded = load_partnership(_folder(tmp_path, activities=council))
        assert loaded.inputs.set_aside["partner"].tolist() == [
            "Rotherham Metropolitan Borough Council"
        ]
