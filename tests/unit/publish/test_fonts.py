"""The PDF's fonts come with the project and cover the scripts of the borough's communities."""

from __future__ import annotations

import logging
import re
import subprocess
import time

import pytest

from pipeline.publish import fonts
from pipeline.publish.print_widths import text_width
from pipeline.publish.render import render_pdf, warn_undrawable
from tests.browser.checks import pdf_fonts, pdf_text, require_tools

# The borough's communities write in these (Polish, Slovak, Urdu, Arabic, Bengali, Chinese).
SCRIPTS = {
    "Polish": "Zażółć gęślą jaźń",
    "Slovak": "Ťažká úloha",
    "Urdu": "اردو زبان ہے",
    "Arabic": "العربية",
    "Bengali": "বাংলা ভাষা",
    "Chinese": "中文社区",
}


def pdf_bbox(pdf) -> str:
    return subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


class TestFaces:
    def test_every_font_file_comes_with_the_set_up(self):
        assert all(face.path.is_file() for face in fonts.faces())

    def test_families_of_their_own_so_no_installed_font_stands_in(self):
        assert all(face.family.startswith("CCI ") for face in fonts.faces())

    def test_one_typeface_for_text_noto_sans_in_every_weight(self):
        from fontTools.ttLib import TTFont

        sans = [f for f in fonts.faces() if f.family == "CCI Sans"]
        # Variable fonts, declared with no weight: each named weight (Regular, Bold) is found.
        assert [(f.style, f.weight) for f in sans] == [("normal", None), ("italic", None)]
        for face in sans:
            with TTFont(face.path, lazy=True) as font:
                assert font["name"].getDebugName(1) == "Noto Sans"
                axis = font["fvar"].axes[0]
                assert (axis.axisTag, axis.minValue, axis.maxValue) == ("wght", 400, 700)

    def test_the_page_cannot_ask_for_another_font(self):
        rules = fonts.stylesheet()
        assert '*, *::before, *::after, *::marker { font-family: "CCI Sans", ' in rules
        assert "!important" in rules.split("@page")[1]


class TestCoverage:
    def test_every_community_script_is_drawn(self):
        assert fonts.undrawable("".join(SCRIPTS.values())) == []

    def test_a_character_no_font_has_is_named(self):
        # U+10C80 OLD HUNGARIAN CAPITAL LETTER A: in no font the project ships.
        assert fonts.undrawable("abc \U00010c80 d") == ["\U00010c80"]

    def test_the_console_is_told_which_characters(self, caplog):
        with caplog.at_level(logging.WARNING, logger="pipeline.publish.render"):
            missing = warn_undrawable("<p>Title \U00010c80</p>")
        assert missing == ["\U00010c80"]
        assert "U+10C80" in caplog.text


class TestPdf:
    def test_the_scripts_print_as_themselves_in_the_projects_fonts(self, tmp_path):
        require_tools("pdf")
        html = tmp_path / "paper.html"
        body = "".join(f"<p>{name}: {text}</p>" for name, text in SCRIPTS.items())
        head = '<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head>'
        html.write_text(f"{head}<body>{body}</body></html>", encoding="utf-8")
        pdf = tmp_path / "paper.pdf"
        render_pdf(html, pdf)
        text = pdf_text(pdf)
        for name, words in SCRIPTS.items():
            if name not in ("Urdu", "Arabic"):  # right-to-left text extracts in visual order
                assert words in text, name
        names = {font["name"].split("+", 1)[-1] for font in pdf_fonts(pdf)}
        assert {"CCI-Arabic", "CCI-Bengali", "CCI-CJK"} <= names
        assert all(font["emb"] == "yes" for font in pdf_fonts(pdf))

    def test_fonts_the_page_names_are_never_the_machines(self, tmp_path):
        require_tools("pdf")
        html = tmp_path / "paper.html"
        style = (
            "<style>body { font-family: Arial, 'Liberation Sans', 'DejaVu Sans', serif; }"
            "h1 { font-family: 'DejaVu Serif', serif; } code { font-family: monospace; }"
            "</style>"
        )
        html.write_text(
            f'<!DOCTYPE html><html lang="en-GB"><head><title>t</title>{style}</head><body>'
            "<h1>Heading</h1><p>Body <b>bold</b> <i>italic</i> ✔ Green ▲ Amber ↑</p>"
            "<table><tr><td class='hash'>ab12</td></tr></table><code>x</code></body></html>",
            encoding="utf-8",
        )
        pdf = tmp_path / "paper.pdf"
        render_pdf(html, pdf)
        names = {font["name"].split("+", 1)[-1] for font in pdf_fonts(pdf)}
        assert {"CCI-Sans", "CCI-Sans-Bold", "CCI-Sans-Italic", "CCI-Mono"} <= names
        assert all(name.startswith("CCI-") for name in names), names

    def test_the_same_html_gives_the_same_bytes(self, tmp_path):
        # Noto's variable fonts are embedded as the weight used: dated, not stamped with the clock.
        require_tools("pdf")
        html = tmp_path / "paper.html"
        html.write_text(
            '<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head>'
            "<body><p>Plain <b>bold</b> اردو زبان ہے</p></body></html>",
            encoding="utf-8",
        )
        render_pdf(html, tmp_path / "one.pdf")
        time.sleep(1.1)
        render_pdf(html, tmp_path / "two.pdf")
        assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()

    def test_bold_is_set_and_measured_as_bold_and_every_face_loads_quietly(self, tmp_path, caplog):
        require_tools("pdf")
        html = tmp_path / "paper.html"
        html.write_text(
            '<!DOCTYPE html><html lang="en-GB"><head><title>t</title>'
            "<style>@page { margin: 20mm } p { font-size: 20pt; margin: 0 }</style></head>"
            "<body><p>Regular Wow</p><p><b>Bold text Wow</b></p></body></html>",
            encoding="utf-8",
        )
        pdf = tmp_path / "paper.pdf"
        with caplog.at_level(logging.WARNING, logger="weasyprint"):
            render_pdf(html, pdf)
        assert caplog.records == []
        words = re.findall(r'xMin="([0-9.]+)"[^>]*>(\w+)<', pdf_bbox(pdf))
        starts = {word: float(x) for x, word in reversed(words)}  # each word's first place
        bold_wow = [float(x) for x, word in words if word == "Wow"][1]
        # Noto Sans Bold's advances (its bold cut), at 20 pt, from where the line starts.
        expected = starts["Bold"] + 20 * text_width("Bold text ", bold=True)
        assert bold_wow == pytest.approx(expected, abs=0.5)
