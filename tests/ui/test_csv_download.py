"""Downloads from the app neutralise spreadsheet formulas (OWASP CSV injection) and keep Japanese."""

from __future__ import annotations

import pandas as pd
from renkei.ui.parts.common import csv_bytes


def test_csv_bytes_neutralises_formulas_and_keeps_japanese():
    df = pd.DataFrame({"name": ['=HYPERLINK("http://evil","x")', "石巻市"], "total": [3, -2]})
    data = csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig").splitlines()
    assert text == ["name,total", '"\'=HYPERLINK(""http://evil"",""x"")",3', "石巻市,-2"]
