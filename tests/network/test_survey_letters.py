"""Invitation letters and the paper form: one page per organisation, the font embedded, names as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from network.survey.letters import letters_pdf, paper_form_pdf
from network.survey.model import Round

RND = Round("令和8年度 連携調査", 2026, ["a", "b"], "2027-01-31")
LINKS = [
    {"org": "a", "name": "みやぎ連携復興センター", "url": "http://192.168.1.10:8501/survey?token=" + "A" * 43},
    {"org": "b", "name": "<b>太字</b> & 株式会社〇〇", "url": "http://192.168.1.10:8501/survey?token=" + "B" * 43},
]


def _text(pdf: bytes, tmp_path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) missing")
        pytest.skip("pdftotext not installed")
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run([exe, str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def test_one_letter_per_organisation_with_name_link_and_deadline(tmp_path):
    pdf = letters_pdf(RND, LINKS, sender="みやぎ連携復興センター")
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 2
    assert b"/FontFile2" in pdf  # a TrueType font embedded (no font needed on the reader's machine)
    pages = _text(pdf, tmp_path).split("\f")
    assert "みやぎ連携復興センター 御中" in pages[0] and "2027年1月31日" in pages[0]
    assert "token=" + "A" * 43 in pages[0].replace(" ", "") and "B" * 43 not in pages[0]
    assert "<b>太字</b> & 株式会社〇〇 御中" in pages[1]  # markup in a name is printed, not applied


def test_paper_form_has_the_import_headers_and_the_list(tmp_path):
    text = _text(paper_form_pdf(RND, ["みやぎ連携復興センター", "石巻市"]), tmp_path)
    for header in ("回答団体", "相手団体", "頻度", "強さ", "種類", "信頼性", "影響力", "関与", "備考"):
        assert header in text
    assert "石巻市" in text and "2027年1月31日" in text


def test_the_qr_code_is_captioned_beside_it_in_glyphs_of_the_embedded_font(tmp_path):
    text = _text(letters_pdf(RND, LINKS[:1]), tmp_path)
    # the caption's characters are in the subset font (a missing glyph would print as a box and not come back)
    assert "QRコード（読み取ると回答ページが開きます）→" in text and "QR code: opens your questionnaire →" in text
