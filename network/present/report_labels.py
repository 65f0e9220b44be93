"""The words of the planner's reports (trend table, annual report in Markdown and PDF), ja and en.

One table for the CLI's and the PDF's texts; the app's labels are in ``network/labels.py``.  Measures keep
the words of :mod:`network.explain` (密度, 孤立した団体, 切断点 …) so a measure has one name
everywhere.

>>> lab("trend_title", "ja"), lab("trend_title", "en")
('年度ごとの推移', 'Measures by fiscal year')
>>> fy_text(2024, "ja"), fy_text(2024, "en")
('2024年度', 'FY2024')
>>> pct(0.256), pct(None)
('25.6%', '–')
"""

from __future__ import annotations

import math

from network.explain import label as measure_label
from network.model import Sector

__all__ = ["REPORT_LABELS", "lab", "fy_text", "pct", "num", "sector_text", "column_label"]

REPORT_LABELS: dict[str, tuple[str, str]] = {
    # trend columns
    "fy": ("年度", "Fiscal year"),
    "orgs": ("団体数", "Organisations"),
    "active_orgs": ("連携のある団体", "Organisations with a tie"),
    "ties": ("連携（件）", "Ties"),
    "pairs": ("連携（組）", "Tied pairs"),
    "components": ("まとまりの数（2団体以上）", "Components (2+ organisations)"),
    "cut_points": ("切断点の数", "Cut points"),
    "cross_sector": ("分野をまたぐ連携の割合", "Cross-sector share of ties"),
    "sector_pairs_no_tie": ("連携のない分野の組", "Sector pairs with no tie"),
    "districts_no_centre": ("中心団体とつながりのない地区", "Districts with no tie to the centre"),
    "new_ties": ("新しい連携（組）", "New tied pairs"),
    "ended_ties": ("終了した連携（組）", "Ended tied pairs"),
    "top_brokers": ("主な仲介者", "Top brokers"),
    # dependence on the centre
    "dependence": ("中心団体への依存", "Dependence on the centre"),
    "dep_cut_off": ("中心団体なしで孤立する団体", "Cut off without the centre"),
    "dep_pairs": ("最短経路がすべて中心団体を通る組の割合", "Pairs whose every shortest path runs through it"),
    "dep_cross": ("分野をまたぐ連携のうち中心団体が関わる割合", "Cross-sector ties that involve it"),
    "dep_explain": (
        "この3つの数字が下がっていけば、連携先どうしが中心団体を介さずにつながるようになった"
        "（自律が進んだ）ことを示します。",
        "When these three numbers fall, partners connect without the centre: the network is becoming self-reliant.",
    ),
    "centre": ("中心団体", "Centre"),
    "centre_guessed": (
        "（設定がないため、連携の最も多い中間支援組織を中心団体としました）",
        "(none configured: the intermediary with the most partners is taken as the centre)",
    ),
    "no_centre": ("中心団体が設定されていません（--centre ID）。", "No centre configured (--centre ID)."),
    # funding
    "funding": ("資金の依存", "Funding dependence"),
    "funding_explain": (
        "受けている助成・委託・協賛の関係（件数）を、資金を出す側の分野ごとの割合で示します。"
        "金額は記録されていないため、関係1件を1と数えます。",
        "Incoming funding, commission and sponsorship ties (counted, not amounts) by the funder's sector.",
    ),
    "funding_headline": (
        "{name}の資金のうち行政からの割合: {now}（{prev_fy}: {prev}）",
        "{name}: government share of incoming funding ties {now} ({prev_fy}: {prev})",
    ),
    "funded_orgs": ("資金を受けている主な団体", "Main funded organisations"),
    "funding_ties": ("資金の関係（件）", "Funding ties"),
    # districts
    "districts": ("地区（校区）ごとのつながり", "District coverage"),
    "district": ("地区", "District"),
    "orgs_sectors": ("団体数（分野）", "Organisations (sectors)"),
    "city": ("市区町村", "City"),
    "council": ("地域の協議会", "Council"),
    "council_centre": ("協議会と中心団体", "Council – centre"),
    "council_office": ("協議会と区役所・市役所", "Council – ward/city office"),
    "exchange": ("他地区の協議会との連携", "Ties to other districts' councils"),
    "missing_sectors": ("連携のない分野", "Sectors with no tie"),
    "no_council": ("協議会が登録されていない地区", "Districts with no council recorded"),
    "yes": ("あり", "yes"),
    "no": ("なし", "no"),
    "none": ("–", "–"),
    # annual report
    "report_title": ("連携ネットワーク年次報告", "Partnership network annual report"),
    "report_sub": ("{fy}　作成日 {today}", "{fy} · made on {today}"),
    "report_note": (
        "この報告書は Renkei（連携マップ）が記録された団体と連携から自動で作成しました。数値は記録の範囲のものです。",
        "Made by Renkei from the organisations and ties on record; the figures cover what is recorded.",
    ),
    "headline": ("主な指標", "Headline indicators"),
    "indicator": ("指標", "Indicator"),
    "this_year": ("今年度", "This year"),
    "last_year": ("前年度", "Last year"),
    "change": ("増減", "Change"),
    "trend_title": ("年度ごとの推移", "Measures by fiscal year"),
    "gaps_chart": ("空白と中心団体への依存（数）", "Gaps and dependence (counts)"),
    "gaps_title": ("分野の組み合わせごとの連携（組）", "Tied pairs per pair of sectors"),
    "gaps_explain": (
        "各マスは二つの分野の団体の間にある連携の組の数です（向きは問いません）。0のマスが連携の空白です。",
        "Each cell counts the tied pairs between organisations of two sectors, either direction; a 0 is a gap.",
    ),
    "gaps_none": ("連携のない分野の組", "Sector pairs with no tie"),
    "communities": ("コミュニティ", "Communities"),
    "community_label": ("{names}ほか{n}団体", "{names} and {n} others"),
    "size": ("団体数", "Size"),
    "sectors": ("分野", "Sectors"),
    "brokers": ("主な仲介者", "Top brokers"),
    "fragile": ("脆弱な点", "Fragile points"),
    "cut_off_count": ("抜けると孤立する団体数", "Cut off if it leaves"),
    "cut_off_names": ("孤立する団体", "Who is cut off"),
    "introductions": ("紹介の提案", "Suggested introductions"),
    "introducer": ("紹介者", "Introducer"),
    "reason": ("理由", "Reason"),
    "name": ("団体名", "Organisation"),
    "sector": ("区分", "Sector"),
    "nothing": ("該当なし", "None"),
    "whatif": ("もし抜けたら", "What if they leave"),
    "before": ("前", "Before"),
    "after": ("後", "After"),
    "removed": ("取り除く団体", "Removed"),
    "cut_off": ("孤立する団体", "Cut off"),
    "largest": ("最大のまとまり", "Largest component"),
    # partner survey (network.survey.scores.survey_section)
    "survey": ("連携調査", "Partner survey"),
    "survey_explain": (
        "連携先の団体が自ら答えた調査の結果です。信頼（話し合いへの開かれ・約束の実行・目的の共有）と"
        "価値（影響力・資源の提供・関与）は1〜4の平均、団体ごとの値はその団体を評価した連携先の平均です。"
        "相互性は、回答した団体どうしの組のうち双方が相手を挙げた組の割合です。",
        "What partner organisations reported themselves. Trust (openness, reliability, shared "
        "mission) and value (influence, resources, involvement) are means on a 1–4 scale; an "
        "organisation's score is the mean over the partners who rated it. Reciprocity is the share "
        "of pairs between respondents that both sides reported.",
    ),
    "survey_round": ("調査", "Round"),
    "survey_response": ("回答率", "Response rate"),
    "survey_reciprocity": ("相互性（双方が回答した組）", "Reciprocity (pairs both sides reported)"),
    "survey_trust": ("信頼の平均（1〜4）", "Mean trust (1–4)"),
    "survey_value": ("価値の平均（1〜4）", "Mean value (1–4)"),
    "survey_top": ("連携先から信頼されている団体", "Most trusted by their partners"),
    "survey_trust_org": ("信頼（連携先から）", "Trust (as seen by partners)"),
    "survey_value_org": ("価値（連携先から）", "Value (as seen by partners)"),
    "survey_raters": ("評価した団体数", "Raters"),
}


def lab(key: str, lang: str = "ja", **fmt: object) -> str:
    """The report word for ``key`` (a measure name from :mod:`network.explain` as a fallback)."""
    if key in REPORT_LABELS:
        ja, en = REPORT_LABELS[key]
        text = en if lang == "en" else ja
    else:
        text = measure_label(key, lang)
    return text.format(**fmt) if fmt else text


def column_label(key: str, lang: str = "ja") -> str:
    """A trend column's heading."""
    return lab(key, lang)


def fy_text(fy: int | None, lang: str = "ja") -> str:
    """``2024年度`` / ``FY2024``."""
    if fy is None:
        return "–"
    return f"FY{fy}" if lang == "en" else f"{fy}年度"


def pct(x: float | None, digits: int = 1) -> str:
    """A share as a percentage; ``–`` for ``None``/NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{100 * x:.{digits}f}%"


def num(x: object, digits: int = 3) -> str:
    """A number for a table: ints as they are, floats with ``digits`` decimals, ``–`` for missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def sector_text(code: object, lang: str = "ja") -> str:
    """A sector code's label (the code itself when unknown)."""
    try:
        return Sector(code).label(lang)
    except ValueError:
        return str(code or ("（未設定）" if lang == "ja" else "(not set)"))
