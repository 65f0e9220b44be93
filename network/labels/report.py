"""The words of the reports: the annual report (Markdown and PDF), the trend table, what-if, and the analysis report.

Keys carry the prefix ``report_`` (read by :func:`network.present.report_labels.lab` without it) or ``md_`` (the
meeting report of :mod:`network.present.markdown`).  Measures keep the words of :mod:`network.labels.measures`
(密度, 孤立した団体, 切断点 …) so a measure has one name everywhere.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # --- the annual report, trend table and what-if (network.present.annual, pdf_report, pdf_charts)
    # trend columns
    "report_fy": ("年度", "Fiscal year"),
    "report_fy_of": ("{fy}年度", "FY{fy}"),
    "report_orgs": ("団体数", "Organisations"),
    "report_active_orgs": ("連携のある団体", "Organisations with a tie"),
    "report_ties": ("連携（件）", "Ties"),
    "report_pairs": ("連携（組）", "Tied pairs"),
    "report_components": ("まとまりの数（2団体以上）", "Components (2+ organisations)"),
    "report_cut_points": ("切断点の数", "Cut points"),
    "report_cross_sector": ("分野をまたぐ連携の割合", "Cross-sector share of ties"),
    "report_sector_pairs_no_tie": ("連携のない分野の組", "Sector pairs with no tie"),
    "report_districts_no_centre": ("中心団体とつながりのない地区", "Districts with no tie to the centre"),
    "report_new_ties": ("新しい連携（組）", "New tied pairs"),
    "report_ended_ties": ("終了した連携（組）", "Ended tied pairs"),
    "report_top_brokers": ("主な仲介者", "Top brokers"),
    # dependence on the centre
    "report_dependence": ("中心団体への依存", "Dependence on the centre"),
    "report_dep_cut_off": ("中心団体なしで孤立する団体", "Cut off without the centre"),
    "report_dep_pairs": ("最短経路がすべて中心団体を通る組の割合", "Pairs whose every shortest path runs through it"),
    "report_dep_cross": ("分野をまたぐ連携のうち中心団体が関わる割合", "Cross-sector ties that involve it"),
    "report_dep_explain": (
        "この3つの数字が下がっていけば、連携先どうしが中心団体を介さずにつながるようになった"
        "（自律が進んだ）ことを示します。",
        "When these three numbers fall, partners connect without the centre: the network is becoming self-reliant.",
    ),
    "report_centre": ("中心団体", "Centre"),
    "report_centre_guessed": (
        "（設定がないため、連携の最も多い中間支援組織を中心団体としました）",
        "(none configured: the intermediary with the most partners is taken as the centre)",
    ),
    "report_no_centre": ("中心団体が設定されていません（--centre ID）。", "No centre configured (--centre ID)."),
    # funding
    "report_funding": ("資金の依存", "Funding dependence"),
    "report_funding_explain": (
        "受けている助成・委託・協賛の関係（件数）を、資金を出す側の分野ごとの割合で示します。"
        "金額は記録されていないため、関係1件を1と数えます。",
        "Incoming funding, commission and sponsorship ties (counted, not amounts) by the funder's sector.",
    ),
    "report_funding_headline": (
        "{name}の資金のうち行政からの割合: {now}（{prev_fy}: {prev}）",
        "{name}: government share of incoming funding ties {now} ({prev_fy}: {prev})",
    ),
    "report_funded_orgs": ("資金を受けている主な団体", "Main funded organisations"),
    "report_funding_ties": ("資金の関係（件）", "Funding ties"),
    # districts
    "report_districts": ("地区（校区）ごとのつながり", "District coverage"),
    "report_district": ("地区", "District"),
    "report_orgs_sectors": ("団体数（分野）", "Organisations (sectors)"),
    "report_city": ("市区町村", "City"),
    "report_council": ("地域の協議会", "Council"),
    "report_council_centre": ("協議会と中心団体", "Council – centre"),
    "report_council_office": ("協議会と区役所・市役所", "Council – ward/city office"),
    "report_exchange": ("他地区の協議会との連携", "Ties to other districts' councils"),
    "report_missing_sectors": ("連携のない分野", "Sectors with no tie"),
    "report_no_council": ("協議会が登録されていない地区", "Districts with no council recorded"),
    "report_yes": ("あり", "yes"),
    "report_no": ("なし", "no"),
    "report_none": ("–", "–"),
    "report_not_set": ("（未設定）", "(not set)"),
    # annual report
    "report_title": ("連携ネットワーク年次報告", "Partnership network annual report"),
    "report_sub": ("{fy}　作成日 {today}", "{fy} · made on {today}"),
    "report_note": (
        "この報告書は Renkei（連携マップ）が記録された団体と連携から自動で作成しました。数値は記録の範囲のものです。",
        "Made by Renkei from the organisations and ties on record; the figures cover what is recorded.",
    ),
    "report_headline": ("主な指標", "Headline indicators"),
    "report_indicator": ("指標", "Indicator"),
    "report_this_year": ("今年度", "This year"),
    "report_last_year": ("前年度", "Last year"),
    "report_change": ("増減", "Change"),
    "report_trend_title": ("年度ごとの推移", "Measures by fiscal year"),
    "report_gaps_chart": ("空白と中心団体への依存（数）", "Gaps and dependence (counts)"),
    "report_gaps_title": ("分野の組み合わせごとの連携（組）", "Tied pairs per pair of sectors"),
    "report_gaps_explain": (
        "各マスは二つの分野の団体の間にある連携の組の数です（向きは問いません）。0のマスが連携の空白です。",
        "Each cell counts the tied pairs between organisations of two sectors, either direction; a 0 is a gap.",
    ),
    "report_gaps_none": ("連携のない分野の組", "Sector pairs with no tie"),
    "report_communities": ("コミュニティ", "Communities"),
    "report_community_label": ("{names}ほか{n}団体", "{names} and {n} others"),
    "report_community_label_one": ("{names}ほか{n}団体", "{names} and {n} other"),
    "report_community_sep": ("・", ", "),
    "report_size": ("団体数", "Size"),
    "report_sectors": ("分野", "Sectors"),
    "report_brokers": ("主な仲介者", "Top brokers"),
    "report_fragile": ("脆弱な点", "Fragile points"),
    "report_cut_off_count": ("抜けると孤立する団体数", "Cut off if it leaves"),
    "report_cut_off_names": ("孤立する団体", "Who is cut off"),
    "report_introductions": ("紹介の提案", "Suggested introductions"),
    "report_introducer": ("紹介者", "Introducer"),
    "report_reason": ("理由", "Reason"),
    "report_name": ("団体名", "Organisation"),
    "report_sector": ("区分", "Sector"),
    "report_nothing": ("該当なし", "None"),
    "report_whatif": ("もし抜けたら", "What if they leave"),
    "report_before": ("前", "Before"),
    "report_after": ("後", "After"),
    "report_removed": ("取り除く団体", "Removed"),
    "report_cut_off": ("孤立する団体", "Cut off"),
    "report_largest": ("最大のまとまり", "Largest component"),
    # partner survey (network.survey.scores.survey_section)
    "report_survey": ("連携調査", "Partner survey"),
    "report_survey_explain": (
        "連携先の団体が自ら答えた調査の結果です。信頼（話し合いへの開かれ・約束の実行・目的の共有）と"
        "価値（影響力・資源の提供・関与）は1〜4の平均、団体ごとの値はその団体を評価した連携先の平均です。"
        "相互性は、回答した団体どうしの組のうち双方が相手を挙げた組の割合です。",
        "What partner organisations reported themselves. Trust (openness, reliability, shared "
        "mission) and value (influence, resources, involvement) are means on a 1–4 scale; an "
        "organisation's score is the mean over the partners who rated it. Reciprocity is the share "
        "of pairs between respondents that both sides reported.",
    ),
    "report_survey_round": ("調査", "Round"),
    "report_survey_response": ("回答率", "Response rate"),
    "report_survey_reciprocity": ("相互性（双方が回答した組）", "Reciprocity (pairs both sides reported)"),
    "report_survey_trust": ("信頼の平均（1〜4）", "Mean trust (1–4)"),
    "report_survey_value": ("価値の平均（1〜4）", "Mean value (1–4)"),
    "report_survey_top": ("連携先から信頼されている団体", "Most trusted by their partners"),
    "report_survey_trust_org": ("信頼（連携先から）", "Trust (as seen by partners)"),
    "report_survey_value_org": ("価値（連携先から）", "Value (as seen by partners)"),
    "report_survey_raters": ("評価した団体数", "Raters"),
    # --- the analysis report for a meeting and for a change (network.present.markdown)
    "md_title": ("連携ネットワーク分析レポート", "Partnership network report"),
    "md_exact": ("厳密計算", "exact"),
    "md_estimated": (
        "{k}団体を起点とする推定（乱数の種 {seed}）",
        "estimated from {k} sampled sources (seed {seed})",
    ),
    "md_overview": ("概要", "Overview"),
    "md_as_of": ("基準日", "As of"),
    "md_all_dates": ("すべての期間", "all dates"),
    "md_key_brokers": ("主な仲介者", "Key brokers"),
    "md_roles": ("仲介の役割（グールド＝フェルナンデス）", "Brokerage roles (Gould–Fernandez)"),
    "md_groups_by": ("グループは「{attr}」で分けています。", "Groups are defined by “{attr}”."),
    "md_attr_sector": ("区分", "sector"),
    "md_attr_district": ("地区", "district"),
    "md_none": ("なし", "none"),
    "md_from": ("から", "From"),
    "md_to": ("へ", "To"),
    "md_present": ("連携", "Present"),
    "md_possible": ("可能数", "Possible"),
    "md_ratio": ("全体比", "Ratio"),
    "md_no_low_pair": (
        "全体の密度の半分を下回る分野の組み合わせはありません。",
        "No pair of groups falls below half the overall density.",
    ),
    "md_overall": ("全体", "Overall"),
    "md_cut_off": (
        "**{name}** が抜けると {n}団体が孤立: {lost}",
        "If **{name}** leaves, {n} lose their path: {lost}",
    ),
    "md_bridge": ("{a} — {b}（切れると{n}団体が分断）", "{a} — {b} (cuts off {n})"),
    "md_no_area_gap": (
        "空白のある地区はありません（地区が未設定の場合も含む）。",
        "No district lacks a sector (or no district is recorded).",
    ),
    "md_introducer": ("紹介者", "introducer"),
    "md_no_intro": ("提案できる組み合わせはありません。", "No introduction to suggest."),
    "md_no_gap": ("連携のない分野の組み合わせはありません。", "Every pair of groups has at least one tie."),
    "md_intro_pair": ("{a} × {b}（紹介者: {who}）", "{a} × {b} (introducer: {who})"),
    "md_no_introducer": ("共通の連携先がなく、紹介者が見つかりません", "no common partner to introduce them"),
    "md_gap_pair": ("**{pair}**（ありうる組 {n}）: {intro}", "**{pair}** ({n} possible pairs): {intro}"),
    "md_communities_count": (
        "{n}個のコミュニティ（3団体以上: {big}個）。",
        "{n} communities ({big} with 3+ organisations).",
    ),
    "md_community_size": ("**{name}**（{n}団体）: {secs}", "**{name}** ({n} organisations): {secs}"),
    "md_connectors": ("ほかのコミュニティとつなぐ団体: {via}", "Tied to other communities through: {via}"),
    "md_silent": (
        "互いに連携がないコミュニティの組: {pairs}",
        "Pairs of communities with no tie between them: {pairs}",
    ),
    "md_change": ("変化", "Change"),
    "md_ties_added": ("新しい連携", "Ties added"),
    "md_ended": ("終了した連携", "ended"),
    "md_strengthened": ("強まった", "strengthened"),
    "md_weakened": ("弱まった", "weakened"),
    "md_h_ended": ("終了した連携", "Ties ended"),
    "md_h_strengthened": ("強まった連携", "Ties strengthened"),
    "md_h_weakened": ("弱まった連携", "Ties weakened"),
    "md_broker_change": ("仲介者の変化", "Brokers"),
    "md_became": ("新たに仲介者になった団体", "Became brokers"),
    "md_stopped": ("仲介者でなくなった団体", "Stopped being brokers"),
}
