"""The words of the command line.

The command line speaks both languages at once, English first (its help is built before ``--lang`` is read):
:func:`network.labels.both` writes ``"English / 日本語"``.  A value the English names (an id, a count) is given
once there, so the Japanese may leave it out.  Help texts that stay in English (they show input examples such as
2016年度) are read with ``t(key, "en")``.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "cli_description": ("Renkei 連携 — 連携ネットワークの地図", "Renkei 連携 — partnership network mapper"),
    "cli_min_strength": ("この強さ以上の関係だけ", "keep ties of this strength or more (the app's slider)"),
    "cli_many_orgs": ("複数の団体が該当します", "{word} names {n} organisations ({ids}): give an id"),
    "cli_no_org": ("団体が見つかりません", "no organisation {word}"),
    # analyze, changes
    "cli_analyze": ("分析", "brokers, gaps, fragility, introductions"),
    "cli_help_as_of": (
        "日付（2016-06-30）または年度（2016、FY2016、2016年度、平成28年度）: その時点で続いている関係",
        "a day (2016-06-30) or a fiscal year (2016, FY2016, 2016年度, 平成28年度): ties running then",
    ),
    "cli_help_types": (
        "残す関係の種類、カンマ区切り（例 協働,助成）",
        "tie types to keep, comma-separated (e.g. 協働,助成)",
    ),
    "cli_changes": ("変化の比較", "compare two dates or fiscal years"),
    "cli_help_before": ("ISO 形式の日付または年度（2016、令和2年度）", "ISO date or fiscal year (2016, 令和2年度)"),
    "cli_no_round": ("調査がありません", "no survey round {name}"),
    # path, map
    "cli_path": ("誰がつないでいるか", "who connects two organisations or groups"),
    "cli_map": ("地図を画像で書き出す", "the map as a picture (PNG, SVG) or page (HTML)"),
    "cli_unknown_group": ("不明なグループ", "unknown group {attr}: use sector:, district:, city:, community:"),
    "cli_empty_group": ("該当する団体がありません", "group {word} has no organisations"),
    "cli_no_path": ("経路がありません（つながっていません）", "no path: the two are not connected"),
    "cli_introduce": ("紹介", "introduce"),
    "cli_shortest": ("最短経路 {d} 段階・{n} 本", "shortest path: {d} step(s), {n} path(s)"),
    "cli_brokers": ("仲介する団体", "brokers"),
    "cli_share": ("最短経路に占める割合", "share of shortest paths"),
    "cli_no_applied_round": ("調査が反映されていません", "no survey round has been applied: renkei survey apply NAME"),
    "cli_bad_suffix": ("拡張子を指定してください", "{path}: give a file ending in .png, .svg or .html"),
    # trend, whatif, report, serve, copy
    "cli_trend": ("年度ごとの推移", "measures per fiscal year"),
    "cli_help_first": ("最初の年度（2016、FY2016、平成28年度）", "first fiscal year (2016, FY2016, 平成28年度)"),
    "cli_whatif": ("もし抜けたら", "the network without some organisations"),
    "cli_report": ("年次報告", "annual report, PDF or Markdown"),
    "cli_serve": ("アプリを起動", "start the app"),
    "cli_copy": ("ストア間でネットワークを複製", "copy a whole network between stores"),
    "cli_copied_rounds": (
        "調査の回答も複製しました",
        "{n} survey rounds: {created} created, {updated} updated, {unchanged} unchanged "
        "(links, answers and drafts as in the source)",
    ),
    # user, history, undo, backup, restore
    "cli_password": ("パスワード", "password"),
    "cli_again": ("確認", "again"),
    "cli_passwords_differ": ("パスワードが一致しません", "the two passwords differ"),
    "cli_user_added": ("追加しました", "added {name} ({role})"),
    "cli_user_removed": ("削除しました", "removed {name}"),
    "cli_password_changed": ("パスワードを変更しました", "password changed for {name}"),
    "cli_role_changed": ("権限を変更しました", "{name} is now {role}"),
    "cli_undid": ("{n} 件の変更を取り消しました", "undid {n} change(s)"),
    "cli_undid_cascade": (
        "依存する記録 {n} 件も取り消しました:",
        "also removed {n} record(s) added later that depended on them "
        "(recorded as cascade; undo the undo to bring them back)",
    ),
    "cli_backed_up": (
        "バックアップしました",
        "backed up {orgs} organisations, {ties} ties, {audit} history entries to {file}",
    ),
    "cli_restored": ("復元しました", "restored {orgs} organisations, {ties} ties from {file}"),
    "cli_user": ("ユーザー管理", "accounts: add, list, remove, passwd, role"),
    "cli_history": ("変更履歴", "every recorded change"),
    "cli_undo": ("取り消し", "undo a change or a whole import"),
    "cli_backup": ("バックアップ", "consistent copy of the store"),
    "cli_restore": ("復元", "replace the store by a backup"),
    # demo, import, orgs, ties, project, export
    "cli_demo": ("サンプルを読み込む", "load a sample network"),
    "cli_import": (
        "ファイルを取り込む",
        "import CSV/XLSX/JSON, GraphML, GEXF, Kumu, Pajek, UCINET DL, Cytoscape files",
    ),
    "cli_help_words": ("語の対応表", "CSV/JSON of your words → sector/tie-type codes"),
    "cli_help_default_sector": ("既定の区分", "sector of new organisations the file gives none (UCINET DL)"),
    "cli_orgs": ("団体一覧", "list organisations"),
    "cli_ties": ("連携一覧", "list ties"),
    "cli_project": ("共同参加から関係を作る", "ties from shared activities (participations)"),
    "cli_export": ("書き出し", "GraphML, GEXF, CSV, JSON, Kumu, Pajek, UCINET DL"),
    "cli_cannot_import": ("取り込めません（書き込みなし）", "{names}: cannot import, nothing written"),
    "cli_possible_duplicate": ("重複の可能性", "possible duplicate"),
    "cli_projected": (
        "共同参加からの関係 {n} 件",
        "{n} projected ties: {created} created, {updated} updated, {unchanged} unchanged",
    ),
    # survey (the help; its messages are still in network/cli/survey.py)
    "cli_survey": ("連携調査", "relational survey rounds"),
    "cli_survey_create": ("調査を作成", "create a round"),
    "cli_survey_list": ("調査一覧", "list rounds"),
    "cli_survey_close": ("締め切る", "close a round"),
    "cli_survey_links": ("リンク発行", "issue new personal links (re-issues: earlier links stop working)"),
    "cli_survey_status": ("回答状況", "who has answered"),
    "cli_survey_import": ("紙の回答を取り込む", "import answers typed in from paper"),
    "cli_survey_apply": ("回答を関係に反映", "write the answers as ties (one undoable batch)"),
    "cli_survey_scores": ("信頼・価値・相互性", "trust, value, reciprocity"),
    "cli_survey_letters": ("案内状", "PDF invitation letters with QR codes (issues new links)"),
    "cli_survey_form": ("紙の調査票", "the printable paper questionnaire (PDF)"),
    "cli_help_year": ("年度（2024、令和6年度）", "fiscal year (2024, 令和6年度)"),
}
