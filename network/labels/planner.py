"""The words of the planner's pages: Trends, Districts, Changes, Gaps, Brokers, History, the map's help texts."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "trends": ("推移", "Trends"),
    "districts": ("地区", "Districts"),
    "pl_trends_intro": (
        "年度（4月〜翌3月）ごとに、ネットワークが育っているか、もろさが減っているか、"
        "中心団体への依存が下がっているかを見ます。",
        "Per fiscal year (April–March): is the network growing, becoming less fragile, "
        "and depending less on the centre?",
    ),
    "pl_districts_intro": (
        "地区（校区）ごとに、どんな団体があり、地域の協議会が中心団体や区役所・市役所、"
        "他の地区の協議会とつながっているかを市区町村ごとに示します。",
        "Per district (school district), grouped by city: its organisations, and whether "
        "its council is tied to the centre, the ward/city office and other districts' councils.",
    ),
    "pl_centre": ("中心団体（自団体）", "Centre (your organisation)"),
    "pl_centre_help": (
        "依存度と地区のつながりを測る基準の団体です。環境変数 RENKEI_CENTRE でも指定できます。",
        "The organisation dependence and district coverage are measured against; RENKEI_CENTRE sets it too.",
    ),
    "pl_no_centre": ("中心団体を選べる団体がありません。", "No organisation to take as the centre."),
    "pl_no_dates": (
        "日付のある連携がないため、年度ごとの推移は出せません。",
        "No tie has a date, so there is nothing to show per fiscal year.",
    ),
    "pl_years": ("年度の範囲", "Fiscal years"),
    "pl_table": ("年度ごとの指標", "Measures per fiscal year"),
    "pl_charts": ("推移のグラフ", "Charts"),
    "pl_chart_size": ("規模", "Size"),
    "pl_chart_fragility": ("もろさ", "Fragility"),
    "pl_chart_gaps": ("空白", "Gaps"),
    "pl_year": ("年度", "Fiscal year"),
    "pl_measure": ("指標", "Measure"),
    "pl_value": ("値", "Value"),
    "pl_dependence_intro": (
        "この3つの数字が下がっていけば、連携先どうしが中心団体を介さずにつながるように"
        "なった（自律が進んだ）ことを示します。",
        "When these numbers fall, partners connect without the centre: the network is becoming self-reliant.",
    ),
    "pl_funding_intro": (
        "中心団体が受けている助成・委託・協賛の関係（件数）を、資金を出す側の分野ごとの割合で示します。",
        "The centre's incoming funding, commission and sponsorship ties (counted) by the funder's sector.",
    ),
    "pl_funding_gov": ("行政からの割合（{fy}）", "Government share ({fy})"),
    "pl_share": ("割合", "Share"),
    "pl_funded": ("資金を受けている団体（{fy}）", "Funded organisations ({fy})"),
    "pl_whatif_intro": (
        "団体を選ぶと、その団体が抜けたときに孤立する団体と、ネットワークの変化を示します。",
        "Pick organisations to see who is cut off without them, and how the network changes.",
    ),
    "pl_whatif_pick": ("抜ける団体", "Organisations leaving"),
    "pl_report_intro": (
        "選んだ年度の年次報告（PDF、日本語の文字はそのまま検索できます）。",
        "The annual report of the chosen fiscal year (PDF, searchable text).",
    ),
    "pl_report_make": ("PDFを作成", "Make the PDF"),
    "pl_report_download": ("年次報告をダウンロード（PDF）", "Download the annual report (PDF)"),
    "pl_report_md": ("年次報告をダウンロード（Markdown）", "Download the annual report (Markdown)"),
    "pl_when": ("対象", "Period"),
    "pl_all_time": ("すべての期間", "All time"),
    "pl_orgs_list": ("団体（分野）", "Organisations (sector)"),
    "pl_no_district": ("地区が登録された団体がありません。", "No organisation has a district recorded."),
    "pl_council_not_centre": (
        "中心団体とつながっていない協議会の地区",
        "Districts whose council is not tied to the centre",
    ),
    "active_orgs": ("連携のある団体", "Organisations with a tie"),
    "active_orgs_help": (
        "団体には日付がないため、その時点で続いている連携が一つ以上ある団体を数えます。",
        "Organisations are undated: counted are those with at least one tie running then.",
    ),
    "broker_change": ("仲介者としての変化", "As a broker"),
    "became_broker": ("新たに仲介者になった", "became a broker"),
    "stopped_broker": ("仲介者でなくなった", "no longer a broker"),
    "from_sector": ("区分（から）", "Sector (from)"),
    "to_sector": ("区分（へ）", "Sector (to)"),
    "density_before": ("比較元の密度", "Density before"),
    "density_after": ("比較先の密度", "Density after"),
    "change": ("変化", "Change"),
    "gaps_change_title": (
        "区分どうしの連携の変化（向きを問わない組）",
        "Change in ties between sectors (pairs, either direction)",
    ),
    "tied_before": ("比較元の連携している組", "Tied pairs before"),
    "tied_after": ("比較先の連携している組", "Tied pairs after"),
    "mixing_change_title": (
        "区分どうしの連携密度の変化（向きのある連携）",
        "Change in density between sectors (directed)",
    ),
    "gaps_view": ("数え方", "Count"),
    "gaps_view_pairs": ("向きを問わず、連携している団体の組", "pairs of organisations tied, either direction"),
    "gaps_view_arcs": ("向きのある連携（資金の流れなど）", "directed ties (funding flows…)"),
    "gaps_heat_intro": (
        "マスの数字は全体の密度との比、かっこ内は連携している組の数です。1 より小さいマスが「すき間」です。",
        "Each cell shows the ratio to the overall density, and in brackets the tied pairs. Cells below 1 are the gaps.",
    ),
    "arcs_heat_intro": (
        "行の区分から列の区分への向きのある連携（向きのない連携は両向きに数えます）。"
        "数字は全体の密度との比、かっこ内は連携の数です。",
        "Directed ties from the row's sector to the column's (an undirected tie counts both ways). "
        "The value is the ratio to the overall density, in brackets the ties.",
    ),
    "sector_1": ("区分 1", "Sector 1"),
    "sector_2": ("区分 2", "Sector 2"),
    "tied_pairs": ("連携している組", "Tied pairs"),
    "possible_pairs": ("ありうる組", "Possible pairs"),
    "ratio": ("全体比", "Ratio to overall"),
    "no_tie_title": ("連携が一つもない区分の組み合わせ", "These sector pairs have no tie"),
    "no_tie_intro": (
        "それぞれ、共通の連携先を通じて紹介できる組を挙げます。",
        "Each with the introductions that would close it.",
    ),
    "no_introducer": ("共通の連携先がなく、紹介者が見つかりません", "no common partner to introduce them"),
    "introduced_by": ("紹介者", "introducer"),
    "community_members": ("団体数", "Organisations"),
    "community_sectors": ("主な区分", "Main sectors"),
    "community_districts": ("地区", "Districts"),
    "community_connectors": ("ほかのまとまりとつなぐ団体", "Tied to the others through"),
    "community_1": ("コミュニティ 1", "Community 1"),
    "community_2": ("コミュニティ 2", "Community 2"),
    "between_orgs": ("間をつないでいる団体", "Organisations between them"),
    "overview_title": ("ネットワーク全体", "The whole network"),
    "history_at": ("日時", "Time"),
    "history_user": ("利用者", "User"),
    "history_action": ("操作", "Action"),
    "history_changed": ("変更した項目", "Changed"),
    "action_create": ("作成", "created"),
    "action_update": ("更新", "updated"),
    "action_end": ("終了", "ended"),
    "action_delete": ("削除", "deleted"),
    "action_restore": ("復元", "restored"),
    "action_undo": ("取り消し", "undone"),
    # possible duplicates in the Add form (ingest.fold, issue 12)
    "open_org": ("「{name}」を開く", "Open {name}"),
    "add_alias": ("「{typed}」を「{name}」の別名にする", "Add {typed} as an alias of {name}"),
    "alias_added": ("「{typed}」を「{name}」の別名に追加しました", "{typed} added as an alias of {name}"),
    "possible_duplicates": ("重複の可能性", "Possible duplicates"),
    "possible_duplicates_help": (
        "表記ゆれ（かな/カナ、髙/高、ー/－、前株/後株など）だけが違う名前です。別の団体として登録します。"
        "同じ団体なら、同じ法人番号かIDを入れるか、別名にしてください。",
        "Names that differ only by how they are written (kana, 髙/高, ー/－, 株式会社 in front or "
        "behind …). They are added as different organisations; if they are one, give the same "
        "法人番号 or id, or make one an alias.",
    ),
    "looks_like": ("似ている団体", "Looks like"),
    # the History page (ui/pages/history.py)
    "hist_title": ("履歴", "History"),
    "hist_entity": ("団体・関係のID", "Organisation or tie id"),
    "hist_batch": ("バッチ（取り込み・入力の単位）", "Batch (one import or form)"),
    "hist_by": ("変更した人", "Changed by"),
    "hist_action": ("操作", "Action"),
    "hist_limit": ("表示件数", "Rows shown"),
    "hist_all": ("すべて", "all"),
    "hist_none": ("記録された変更はありません。", "No recorded changes."),
    "hist_pick": ("詳しく見る変更", "Change to inspect"),
    "hist_before": ("変更前", "Before"),
    "hist_after": ("変更後", "After"),
    "hist_undo_title": ("取り消し（管理者）", "Undo (admin)"),
    "hist_undo_one": ("この変更だけ", "This change only"),
    "hist_undo_batch": ("このバッチ全体 {batch}", "Its whole batch {batch}"),
    "hist_force": ("後から変更されていても取り消す", "Undo even if changed since"),
    "hist_confirm": ("取り消す内容を確認しました", "I have checked what will be undone"),
    "hist_do_undo": ("取り消す", "Undo"),
    "hist_undone": (
        "{n} 件の変更を取り消しました（履歴に記録）。",
        "Undid {n} change(s) (recorded in the history).",
    ),
    "hist_admin_only": ("取り消しは管理者だけができます。", "Only an admin can undo."),
    "hist_not_undoable": (
        "アカウントや復元の記録は取り消せません。",
        "Account changes and restores cannot be undone.",
    ),
    "hist_col_id": ("ID", "ID"),
    "hist_col_at": ("日時", "When"),
    "hist_col_user": ("変更した人", "Who"),
    "hist_col_action": ("操作", "Action"),
    "hist_col_entity": ("対象", "Record"),
    "hist_col_entity_id": ("対象のID", "Record id"),
    "hist_col_name": ("名称", "Name"),
    "hist_col_changes": ("変更内容", "Changes"),
    "hist_col_batch": ("バッチ", "Batch"),
    # --- map: help texts (issue 15, item 7)
    "size_by_help": (
        "点の大きさが表す指標。大きい団体ほど名前も大きく、先に表示されます。",
        "The measure a dot's size shows; larger organisations get larger names, shown first.",
    ),
    "colour_by_help": (
        "点の色が表すもの。凡例に色の意味が出ます。",
        "What a dot's colour shows; the legend names each colour.",
    ),
    "highlight_help": (
        "仲介者（太い赤枠）、切断点（ひし形）、橋渡しの関係（赤い線）を強調します。",
        "Marks brokers (thick red ring), cut points (diamonds) and bridge ties (red lines).",
    ),
    "search_org_help": (
        "名前で団体を探し、その周りのネットワークとプロフィールを表示します。",
        "Find an organisation by name: the map shows its neighbourhood and its profile below.",
    ),
    "ego_steps_help": (
        "1 = 直接の連携先だけ、2 = 連携先の連携先まで。",
        "1 = direct partners only, 2 = partners of partners as well.",
    ),
    "download_map_help": (
        "操作できる地図を1つの HTML ファイルとして保存します（オフラインで開けます）。",
        "Saves the interactive map as one HTML file (opens offline).",
    ),
    "back_to_whole_help": (
        "コミュニティに入る前の、ネットワーク全体の地図に戻ります。",
        "Back to the map of the whole network, before opening the community.",
    ),
    "map_labels_note": (
        "名前は中心的な団体から表示し、重なる名前は省きます。拡大するとほかの名前も出ます。",
        "Names are shown for the most central organisations first, never overlapping; zoom in for the others.",
    ),
    "drawing_map": ("地図を描いています…", "Drawing the map…"),
    "sv_unrated": ("未評価（評価した連携先なし）", "unrated (no partner scored it)"),
    # the History page's action filter and its columns (issue 15)
    "hist_all_actions": ("すべての操作", "All actions"),
    "action_survey_copy": ("調査の写しの読み込み", "survey copied in"),
    "action_cascade": ("連動した取り消し", "undone with it"),
    "entity_org": ("団体", "Organisation"),
    "entity_tie": ("関係", "Tie"),
    "entity_participation": ("参加", "Participation"),
    "entity_user": ("利用者", "User"),
    "entity_store": ("データの保存先", "Store"),
    "entity_survey_round": ("連携調査", "Partner survey"),
}
