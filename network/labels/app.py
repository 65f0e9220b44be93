"""The words of the app's pages (navigation, filters, organisations, brokers, gaps, changes, add, import)."""

from __future__ import annotations

from network.explain import LABELS as _MEASURES

__all__ = ["LABELS", "t", "LANGS"]

LANGS = {"ja": "日本語", "en": "English"}

LABELS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("連携マップ Renkei", "Renkei partnership map"),
    "language": ("言語 / Language", "Language / 言語"),
    "map": ("地図", "Map"),
    "orgs": ("団体", "Organisations"),
    "brokers": ("仲介者", "Brokers"),
    "gaps": ("ギャップ", "Gaps"),
    "changes": ("変化", "Changes"),
    "add": ("追加", "Add"),
    "import": ("取り込み", "Import"),
    "export": ("書き出し", "Export"),
    "store": ("データの保存先", "Store"),
    "counts": ("{orgs} 団体・{ties} 関係", "{orgs} organisations, {ties} ties"),
    "error": ("エラーが発生しました: {msg}", "Something went wrong: {msg}"),
    "not_ready": ("この機能はまだ利用できません（{what}）。", "This feature is not available yet ({what})."),
    # empty store
    "empty_title": ("まだデータがありません", "No data yet"),
    "empty_body": (
        "サンプルのネットワークを読み込むか、ファイルを取り込んでください。",
        "Load a sample network, or import your own files.",
    ),
    "load_sample": ("サンプルを読み込む", "Load sample"),
    "sample": ("サンプル", "Sample"),
    "sample_loaded": ("サンプル「{name}」を読み込みました: {n} 件", "Loaded sample “{name}”: {n} records"),
    "go_import": ("ファイルを取り込む → 「取り込み」ページへ", "Import files → the Import page"),
    # filters and map
    "filters": ("絞り込み", "Filters"),
    "sector": ("区分", "Sector"),
    "area": ("地域（地区）", "Area (district)"),
    "city": ("市区町村", "City"),
    "tie_type": ("関係の種類", "Tie type"),
    "min_strength": ("最低の強さ", "Minimum strength"),
    "when": ("時点", "Point in time"),
    "when_all": ("すべての期間", "All time"),
    "when_date": ("日付", "Date"),
    "when_fy": ("年度", "Fiscal year"),
    "size_by": ("大きさ", "Size by"),
    "size_none": ("同じ大きさ", "Equal"),
    "degree": ("次数（関係の数）", "Degree (number of ties)"),
    "betweenness": ("媒介中心性", "Betweenness"),
    "brokerage": ("仲介（合計）", "Brokerage (total)"),
    "colour_by": ("色分け", "Colour by"),
    "community": ("コミュニティ", "Community"),
    "highlight": ("強調表示", "Highlight"),
    "hl_brokers": ("仲介者", "Brokers"),
    "hl_cut_points": ("切断点（要の団体）", "Cut points"),
    "hl_bridges": ("橋渡しの関係", "Bridge ties"),
    "search_org": ("団体を検索", "Find an organisation"),
    "ego_steps": ("周辺の範囲（ステップ）", "Neighbourhood (steps)"),
    "none": ("（なし）", "(none)"),
    "shown": ("表示: {n} 団体・{m} 関係", "Showing {n} organisations, {m} ties"),
    "aggregated_note": (
        "団体が多いため、グループ単位でまとめた地図を表示しています。",
        "Too many organisations to draw one by one: the map shows groups.",
    ),
    "map_help": (
        "点にマウスを重ねると詳細、クリックするとプロフィールへのリンクが出ます。",
        "Hover a dot for details; click it for a link to its profile.",
    ),
    "download_map": ("この地図を HTML で保存", "Save this map as HTML"),
    # organisations
    "org_list": ("団体一覧", "Organisations"),
    "search": ("検索（名前・別名）", "Search (name or alias)"),
    "profile": ("プロフィール", "Profile"),
    "choose_org": ("団体を選ぶ", "Choose an organisation"),
    "choose": ("選んでください", "Choose"),
    "ties": ("関係", "Ties"),
    "measures": ("指標", "Measures"),
    "roles": ("役割", "Roles"),
    "ego_map": ("周辺の地図", "Neighbourhood map"),
    "history": ("変更履歴", "History"),
    "no_ties": ("関係はまだ登録されていません。", "No ties recorded yet."),
    "no_history": ("履歴はありません。", "No recorded changes."),
    "partner": ("相手", "Partner"),
    "direction": ("向き", "Direction"),
    "strength": ("強さ", "Strength"),
    "start": ("開始", "Start"),
    "end": ("終了", "End"),
    "evidence": ("根拠", "Evidence"),
    "project": ("事業名", "Project"),
    "note": ("備考", "Note"),
    "name": ("団体名", "Name"),
    "kind": ("種別", "Kind"),
    "prefecture": ("都道府県", "Prefecture"),
    "district": ("地区（校区）", "District"),
    "corporate_number": ("法人番号", "Corporate number"),
    "aliases": ("別名（| で区切る）", "Aliases (separated by |)"),
    "tags": ("タグ（| で区切る）", "Tags (separated by |)"),
    "url": ("URL", "URL"),
    "outgoing": ("→ 相手へ", "→ to partner"),
    "incoming": ("← 相手から", "← from partner"),
    "both": ("↔ 相互", "↔ mutual"),
    # brokers and gaps
    "brokers_intro": (
        "仲介者は、直接つながっていない団体どうしの間に立つ団体です。区分（または地域）の違いによって、"
        "調整役・渡り役・代表役・門番役・連絡役の5つの役割に分けて数えます（Gould–Fernandez）。",
        "A broker stands between organisations that are not tied directly. Brokerage is counted in "
        "five roles by sector (or area): coordinator, itinerant, representative, gatekeeper, liaison "
        "(Gould–Fernandez).",
    ),
    "group_by": ("役割を数える単位", "Roles counted by"),
    "by_sector": ("区分", "sector"),
    "by_area": ("地域（地区）", "area (district)"),
    "top_n": ("上位 {n} 団体", "Top {n} organisations"),
    "download_csv": ("CSV をダウンロード", "Download CSV"),
    "download_md": ("報告書（Markdown）をダウンロード", "Download report (Markdown)"),
    "mixing_title": ("区分どうしのつながり（密度の比）", "Ties between sectors (density ratio)"),
    "mixing_intro": (
        "各マスは、行の区分から列の区分への関係の密度を、ネットワーク全体の密度と比べた値です。"
        "1 より小さいマスが「すき間」です。",
        "Each cell is the density of ties from the row's sector to the column's sector, divided by "
        "the overall density. Cells below 1 are the gaps.",
    ),
    "ei_title": ("E–I 指数（外向き − 内向き）", "E–I index (external − internal)"),
    "ei_intro": (
        "−1 は区分の内側だけ、+1 は外側とだけつながっていることを表します。",
        "−1: ties only inside the sector; +1: only outside.",
    ),
    "communities_title": ("コミュニティと、その間の関係", "Communities and the ties between them"),
    "communities_intro": (
        "よくつながり合う団体のまとまりです。まとまりの間の関係が少ないところが、次の紹介の候補です。",
        "Groups of organisations tied closely together; few ties between two groups mark a place for introductions.",
    ),
    "fragile_title": ("弱い点（切断点と橋渡しの関係）", "Fragile points (cut points and bridges)"),
    "fragile_intro": (
        "この団体や関係がなくなると、ネットワークがいくつかに分かれてしまいます。",
        "If this organisation or tie went away, the network would fall apart into pieces.",
    ),
    "depends": ("頼っている団体の数", "Organisations depending on it"),
    "intro_title": ("紹介の提案", "Suggested introductions"),
    "intro_intro": (
        "まだつながっていない2団体と、両方を知っていて紹介できる団体です。",
        "Two organisations not yet tied, and the organisation that knows both and can introduce them.",
    ),
    "introducer": ("紹介者", "Introducer"),
    "score": ("スコア", "Score"),
    "reason": ("理由", "Reason"),
    "nothing": ("該当はありません。", "Nothing found."),
    # changes
    "changes_intro": (
        "2つの時点（日付または年度）のネットワークを比べます。",
        "Compare the network at two dates or fiscal years.",
    ),
    "before": ("比較元", "Before"),
    "after": ("比較先", "After"),
    "new_orgs": ("新しく加わった団体", "Organisations that joined"),
    "gone_orgs": ("いなくなった団体", "Organisations that left"),
    "new_ties": ("新しい関係", "New ties"),
    "ended_ties": ("終わった関係", "Ended ties"),
    "measure_change": ("指標の変化", "Change in measures"),
    # add
    "add_org": ("団体を追加・編集", "Add or edit an organisation"),
    "add_tie": ("関係を追加・編集", "Add or edit a tie"),
    "end_tie": ("関係を終える", "End a tie"),
    "edit_existing": ("既存の団体を編集（空欄なら新規）", "Edit an existing organisation (empty: new)"),
    "edit_tie": ("既存の関係を編集（空欄なら新規）", "Edit an existing tie (empty: new)"),
    "new": ("（新規）", "(new)"),
    "source_org": ("連携元", "From"),
    "target_org": ("連携先", "To"),
    "dir_default": (
        "種類の既定（助成・委託・支援・加盟は向きあり）",
        "Type's default (funding, commission, support, membership: directed)",
    ),
    "directed": ("向きあり（連携元 → 連携先）", "Directed (from → to)"),
    "save": ("保存", "Save"),
    "save_anyway": ("別の団体として保存する", "Save as a different organisation"),
    "saved_org": ("団体「{name}」を保存しました。", "Saved organisation “{name}”."),
    "saved_tie": ("関係を保存しました: {a} – {b}", "Saved tie: {a} – {b}"),
    "ended": ("関係を {date} で終えました。", "Ended the tie on {date}."),
    "did_you_mean": (
        "似た名前の団体がすでにあります: {names}。同じ団体ならそれを編集してください。",
        "An organisation with a similar name exists: {names}. If it is the same, edit that one.",
    ),
    "similar": (
        "似た名前の団体もあります（別の団体なら問題ありません）: {names}",
        "Organisations with similar names exist (fine if they are different): {names}",
    ),
    "invalid": ("入力を確認してください。", "Please check the form."),
    "sector_required": (
        "新しい団体には区分が必要です（種別や法人格から推定できませんでした）。",
        "A new organisation needs a sector (none could be inferred from its kind or legal form).",
    ),
    "required_name": ("団体名は必須です。", "A name is required."),
    "same_org": ("連携元と連携先が同じです。", "From and To are the same organisation."),
    "pick_two": ("連携元と連携先を選んでください。", "Choose both organisations."),
    "end_date": ("終了日", "End date"),
    "tie": ("関係", "Tie"),
    "row": ("行", "Row"),
    "column": ("列", "Column"),
    "value": ("値", "Value"),
    # import and export
    "upload": ("ファイルを選ぶ（CSV / XLSX / JSON）", "Choose files (CSV / XLSX / JSON)"),
    "encoding": ("文字コード", "Encoding"),
    "kind_detected": ("内容", "Kind"),
    "preview": ("プレビュー", "Preview"),
    "bad_rows": ("問題のある行", "Bad rows"),
    "commit_all": ("すべて取り込む", "Import all"),
    "commit_good": ("問題のない行だけ取り込む", "Import good rows only"),
    "imported": ("取り込みました: {summary}", "Imported: {summary}"),
    "import_failed": (
        "取り込めませんでした。問題のある行を直すか、問題のない行だけ取り込んでください。",
        "Nothing was imported. Fix the bad rows, or import the good rows only.",
    ),
    "export_intro": ("ネットワーク全体を書き出します。", "Export the whole network."),
    "format": ("形式", "Format"),
    "download": ("ダウンロード", "Download"),
    "report": ("報告書", "Report"),
    "map_html": ("現在の地図（HTML、オフラインで開けます）", "Current map (HTML, opens offline)"),
    # --- planner pages: Trends, Districts (h-reports); measure names come from network/present/report_labels.py
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
    # --- survey (h-survey): the questionnaire (ui/parts/survey_form.py) and the Survey page (ui/pages/survey.py)
    "survey": ("連携調査", "Survey"),
    "sv_title": ("連携調査「{round}」", "Partnership survey “{round}”"),
    "sv_for": ("回答する団体: {org}", "Answering for: {org}"),
    "sv_deadline": ("締切: {date}（締切まで何度でも修正できます）", "Deadline: {date} (you can revise until then)"),
    "sv_no_deadline": ("締切まで何度でも修正できます。", "You can revise your answers until the survey closes."),
    "sv_intro": (
        "ふだん一緒に活動している団体を選び、それぞれとの関係について答えてください。"
        "入力した内容はその場で保存されます（再読み込みしても消えません）。",
        "Choose the organisations you work with and answer a few questions about each relationship. "
        "Every answer is saved as you go (a reload loses nothing).",
    ),
    "sv_invalid": (
        "このリンクは使えません。リンクが正しいか、調査が締め切られていないかをご確認ください。"
        "ご不明な点は案内状の送り主にお問い合わせください。",
        "This link does not work: it may be mistyped, replaced by a newer one, or the survey may have "
        "closed. Please contact the sender of your invitation.",
    ),
    "sv_step_partners": ("1. 一緒に活動している団体", "1. Organisations you work with"),
    "sv_search": (
        "団体名で探す（ひらがな・カタカナ、法人格の有無はどちらでも）",
        "Search by name (kana and legal forms either way)",
    ),
    "sv_pick": ("一覧から選ぶ", "Choose from the list"),
    "sv_pick_none": ("（選んでください）", "(choose)"),
    "sv_add": ("追加する", "Add"),
    "sv_no_match": (
        "一覧に見つかりません。下の欄に名前を入力して追加できます。",
        "Not on the list: type the name below to add it.",
    ),
    "sv_other": ("一覧にない団体の名前", "Name of an organisation not on the list"),
    "sv_add_other": ("名前で追加する", "Add by name"),
    "sv_none_yet": ("まだ団体を選んでいません。", "No organisation chosen yet."),
    "sv_chosen": ("選んだ団体: {n}", "Organisations chosen: {n}"),
    "sv_not_listed": ("（一覧にない団体）", "(not on the list)"),
    "sv_frequency": ("どのくらいの頻度で一緒に活動していますか", "How often do you work together?"),
    "sv_strength": ("関係の深さ", "How deep is the relationship?"),
    "sv_types": ("関係の種類（複数可）", "Kinds of relationship (any)"),
    "sv_items": (
        "この団体について（1 全くない 〜 4 非常に）",
        "About this organisation (1 not at all – 4 a great deal)",
    ),
    "sv_note": ("メモ（任意）", "Note (optional)"),
    "sv_remove": ("この団体を外す", "Remove this organisation"),
    "sv_step_self": ("2. 自団体について", "2. About your organisation"),
    "sv_contributions": ("ネットワークに提供できるもの（複数可）", "What you contribute to the network (any)"),
    "sv_comment": ("自由記述（ご意見・ご要望など）", "Comments"),
    "sv_step_submit": ("3. 提出", "3. Submit"),
    "sv_submit": ("回答を提出する", "Submit my answers"),
    "sv_submitted": (
        "提出済みです（{at}）。ありがとうございました。締切までは修正でき、修正もその場で保存されます。",
        "Submitted ({at}). Thank you! You can still revise until the deadline; changes are saved as you go.",
    ),
    "sv_not_submitted": (
        "まだ提出されていません。入力は保存されています。最後に「回答を提出する」を押してください。",
        "Not submitted yet. Your answers are saved; press “Submit my answers” when you are done.",
    ),
    "sv_saved": ("保存しました", "Saved"),
    "sv_unset": ("未回答", "not answered"),
    "sv_admin_intro": (
        "調査回ごとに、団体の一覧・締切を決め、個別リンク（案内状）を配り、回答を関係データに反映します。",
        "For each survey round: choose the organisations and the deadline, send the personal links "
        "(letters), follow the answers, and apply them to the network.",
    ),
    "sv_rounds": ("調査回", "Rounds"),
    "sv_new_round": ("新しい調査回", "New round"),
    "sv_round_name": ("調査名", "Round name"),
    "sv_fiscal_year": ("年度", "Fiscal year"),
    "sv_close_date": ("締切日", "Close date"),
    "sv_orgs": ("対象の団体（空欄なら全団体）", "Organisations (empty: all)"),
    "sv_create": ("作成する", "Create"),
    "sv_created": ("調査「{name}」を作成しました（{n} 団体）", "Created round “{name}” ({n} organisations)"),
    "sv_pick_round": ("調査回を選ぶ", "Choose a round"),
    "sv_progress": ("回答 {answered} / {invited}（{rate}）", "Answered {answered} of {invited} ({rate})"),
    "sv_missing": ("未回答の団体", "Not answered yet"),
    "sv_base_url": ("アプリのアドレス（リンクの先頭）", "The app's address (start of each link)"),
    "sv_issue": (
        "個別リンクを発行する（以前のリンクは無効になります）",
        "Issue personal links (earlier links stop working)",
    ),
    "sv_only_missing": ("未回答の団体だけ", "Only organisations that have not answered"),
    "sv_links_csv": ("リンク一覧（CSV）", "Links (CSV)"),
    "sv_letters_pdf": ("案内状（PDF・QRコード付き）", "Invitation letters (PDF with QR codes)"),
    "sv_form_pdf": ("紙の調査票（PDF）", "Paper questionnaire (PDF)"),
    "sv_issued": (
        "{n} 件のリンクを発行しました。今すぐダウンロードしてください（再表示はできません）。",
        "Issued {n} links. Download them now: they cannot be shown again.",
    ),
    "sv_paper": ("紙の回答を取り込む（CSV / XLSX）", "Import paper answers (CSV / XLSX)"),
    "sv_paper_done": ("{n} 件の回答を取り込みました", "Imported {n} answers"),
    "sv_apply": ("回答を関係データに反映する", "Apply the answers to the network"),
    "sv_applied": (
        "反映しました: 関係 {ties} 件（双方 {confirmed}・片方 {one_sided}・不一致 {disagreements}）。"
        "新規 {created}・更新 {updated}・変更なし {unchanged}・終了 {ended}。一括取り消し: {batch}",
        "Applied: {ties} ties ({confirmed} confirmed, {one_sided} one-sided, {disagreements} disagreeing); "
        "{created} created, {updated} updated, {unchanged} unchanged, {ended} ended. Undo batch: {batch}",
    ),
    "sv_close": ("この調査を締め切る", "Close this round"),
    "sv_closed": ("締め切り済み", "Closed"),
    "sv_scores": ("信頼・価値（相手から見た評価）", "Trust and value (as seen by partners)"),
    "sv_no_rounds": ("まだ調査回がありません。", "No survey rounds yet."),
    # --- map: who connects A and B, pictures, filter placeholders
    "all": ("すべて", "all"),
    "period": ("期間", "Period"),
    "working": ("計算しています…", "Working…"),
    "path": ("経路", "Path"),
    "community_n": ("コミュニティ {n}", "Community {n}"),
    "who_connects": (
        "誰がつないでいるか（2つの団体・グループの間）",
        "Who connects A and B (two organisations or groups)",
    ),
    "who_connects_help": (
        "2つの団体（またはグループ）の間の最短経路と、その経路を多く担う団体（仲介者）を示します。",
        "Shows the shortest paths between two organisations (or groups) and the organisations "
        "that carry most of them (the brokers between the two).",
    ),
    "connect_what": ("何と何をつなぐか", "Connect"),
    "connect_orgs": ("団体", "Organisations"),
    "connect_sector": ("区分", "Sectors"),
    "connect_district": ("地区", "Districts"),
    "connect_community": ("コミュニティ", "Communities"),
    "connect_a": ("A", "A"),
    "connect_b": ("B", "B"),
    "connect_same": ("A と B に別のものを選んでください。", "Choose two different ones."),
    "connect_none": (
        "A と B の間に経路はありません（ネットワークの別々の部分にあります）。",
        "There is no path between A and B: they are in separate parts of the network.",
    ),
    "connect_intro": ("この紹介で2つの部分がつながります:", "These introductions would connect the two parts:"),
    "intro_a": ("紹介する団体", "Introduce"),
    "intro_b": ("紹介先", "To"),
    "connect_found": (
        "最短経路は {d} 段階、{n} 本あります。地図に赤で示しています。",
        "The shortest paths have {d} step(s); there are {n}. They are drawn in red on the map.",
    ),
    "connect_direct": (
        "A と B は直接つながっています（間に入る団体はありません）。",
        "A and B are tied directly (no organisation in between).",
    ),
    "share_paths": ("最短経路に占める割合", "Share of shortest paths"),
    "paths_listed": ("表示した経路の数", "Paths listed"),
    "download_png": ("画像（PNG・印刷用）", "Picture (PNG, print)"),
    "download_png_help": (
        "いまの地図を凡例と絞り込み条件つきで PNG に書き出します。",
        "The current view as a PNG, with the legend and the filters under it.",
    ),
    "download_svg": ("画像（SVG・編集用）", "Picture (SVG, editable)"),
    "download_svg_help": (
        "拡大しても粗くならない SVG（文字は文字のまま）。",
        "An SVG that stays sharp at any size (text stays text).",
    ),
    "layout": ("配置", "Layout"),
    "layout_help": (
        "団体の並べ方。どれも同じ条件なら毎回同じ配置になります。",
        "How organisations are placed; the same choice always gives the same picture.",
    ),
    "layout_force": ("つながりで配置（既定）", "By ties (force-directed)"),
    "layout_sector": ("区分ごと", "Grouped by sector"),
    "layout_district": ("地区ごと", "Grouped by district"),
    "layout_concentric": ("選んだ団体を中心に同心円", "Rings around the searched organisation"),
    "whole_network": ("全体", "Whole network"),
    "drilled": ("表示中: {path}", "Showing: {path}"),
    "back_to_whole": ("全体に戻る", "Back to the whole network"),
    "when_all_sectors": ("すべての区分", "All sectors"),
    "when_all_areas": ("すべての地区", "All districts"),
    "when_all_types": ("すべての関係", "All tie types"),
    # --- interop (issue 12): custom fields kept from imports
    "custom_field": ("独自項目", "Custom field"),
    "custom_value": ("値", "Value"),
    # --- import report words (issue 10, item 5)
    "n_rows": ("{n} 行", "{n} rows"),
    "ignored_columns": ("使わなかった列", "Ignored columns"),
    "rep_file": ("ファイル", "File"),
    "rep_row": ("行", "Row"),
    "rep_column": ("列", "Column"),
    "rep_value": ("値", "Value"),
    "rep_reason": ("理由", "Reason"),
    "rep_code": ("種別コード", "Code"),
    "rep_kind": ("内容", "Kind"),
    "rep_read": ("読んだ行", "Read"),
    "rep_created": ("新規", "Created"),
    "rep_updated": ("更新", "Updated"),
    "rep_unchanged": ("変更なし", "Unchanged"),
    "rep_rejected": ("不正", "Rejected"),
    "kind_orgs": ("団体", "Organisations"),
    "kind_ties": ("関係", "Ties"),
    "kind_participations": ("参加", "Participations"),
    "kind_activities": ("活動", "Activities"),
}

# --- planner (issue 10): Changes, Gaps, Brokers, profile history; one vocabulary for measures
# accounts and sign-in (ui/parts/auth.py)
LABELS.update(
    {
        "auth_sign_in": ("サインイン", "Sign in"),
        "auth_sign_out": ("サインアウト", "Sign out"),
        "auth_user": ("ユーザー名", "User name"),
        "auth_password": ("パスワード", "Password"),
        "auth_needs": (
            "このページには「{role}」の権限でのサインインが必要です。",
            "This page needs you to sign in as {role}.",
        ),
        "auth_too_low": (
            "{name} さん（{have}）にはこのページの権限がありません（{role} が必要）。",
            "{name} ({have}) may not use this page: it needs {role}.",
        ),
        "auth_signed_in": ("{name}（{role}）でサインイン中", "Signed in as {name} ({role})"),
        "auth_local_mode": (
            "ローカルモード：アカウントがないため、この端末の誰でも編集できます。"
            "`renkei user add 名前 --role admin` で管理者を作ると、サインインが必要になります。",
            "Local mode: no accounts exist, so anyone on this machine may edit. Create an admin with "
            "`renkei user add NAME --role admin` and sign-in becomes required.",
        ),
        "auth_no_accounts": (
            "アカウントがまだありません。管理者がサーバーで `renkei user add 名前 --role admin` を実行してください。",
            "No accounts yet: an administrator runs `renkei user add NAME --role admin` on the server.",
        ),
        "auth_welcome": ("{name} さん、ようこそ", "Welcome, {name}"),
        "role_viewer": ("閲覧者", "viewer"),
        "role_editor": ("編集者", "editor"),
        "role_admin": ("管理者", "admin"),
        # an organisation's brokerage role in a sentence (the profile)
        "role_in_words_coordinator": ("調整役（同じ区分の中をつなぐ）", "coordinator (links its own group)"),
        "role_in_words_itinerant": (
            "渡り役（よその区分の2団体をつなぐ）",
            "itinerant (links two members of another group)",
        ),
        "role_in_words_representative": (
            "代表役（自分の区分の声を外へ届ける）",
            "representative (carries its group's ties outward)",
        ),
        "role_in_words_gatekeeper": (
            "門番役（外からの流れを自分の区分へ入れる）",
            "gatekeeper (lets outside ties into its group)",
        ),
        "role_in_words_liaison": ("連絡役（3つの異なる区分をつなぐ）", "liaison (links three different groups)"),
    }
)

LABELS.update(
    {
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
            "Each cell shows the ratio to the overall density, and in brackets the tied pairs. "
            "Cells below 1 are the gaps.",
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
    }
)
LABELS.update(
    {
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
    }
)
#: the names of measures are those of the report (network.explain.LABELS): one word each
LABELS.update({k: (v["ja"], v["en"]) for k, v in _MEASURES.items()})

#: --- survey scores beside the measures (h-survey): Brokers and Gaps pages (ui/parts/survey_scores.py)
LABELS.update(
    {
        "sv_col_trust": ("信頼（連携先から）", "Trust (as seen by partners)"),
        "sv_col_value": ("価値（連携先から）", "Value (as seen by partners)"),
        "sv_col_raters": ("評価した団体数", "Raters"),
        "sv_col_introducer_trust": ("紹介者の信頼（連携先から）", "Introducer's trust (as seen by partners)"),
        "sv_from_round": (
            "信頼・価値は連携調査「{round}」（{fy}年度、{answered}/{invited} 団体が回答）から。"
            "1〜4の平均で、その団体を評価した連携先の数を併記しています。",
            "Trust and value come from the partner survey “{round}” (FY{fy}, {answered} of {invited} "
            "answered): means on a 1–4 scale, with the number of partners who rated each organisation.",
        ),
        "sv_m_response": ("回答率", "Response rate"),
        "sv_m_reciprocity": ("相互性（双方が回答）", "Reciprocity (both sides)"),
        "sv_m_trust": ("信頼の平均", "Mean trust"),
        "sv_m_value": ("価値の平均", "Mean value"),
        "sv_network_title": ("連携調査から", "From the partner survey"),
        "action_survey_create": ("調査の作成", "survey created"),
        "action_survey_close": ("調査の締切", "survey closed"),
        "action_survey_links": ("リンクの発行", "links issued"),
        "action_survey_import": ("紙の回答の取り込み", "paper answers imported"),
        "action_survey_apply": ("調査の反映", "survey applied"),
        "custom_filter": ("独自項目", "Custom field"),
        "custom_filter_none": ("独自項目で絞り込まない", "No custom field filter"),
        "custom_filter_help": (
            "取り込んだ表の独自の列（担当者、活動分野など）で団体を絞り込みます。項目を選び、値を選んでください。",
            "Filter the organisations by a column of your own (contact person, field of activity …): pick the field, then its values.",
        ),
        "custom_values": ("独自項目の値", "Custom field values"),
        "custom_values_all": ("すべての値", "All values"),
        "custom_values_help": (
            "選んだ値のどれかをもつ団体と、それらの間の関係を表示します。",
            "Shows the organisations with one of the chosen values and the ties among them.",
        ),
    }
)


def t(key: str, lang: str = "ja", **fmt: object) -> str:
    """Label ``key`` in ``lang`` (``"ja"`` or ``"en"``), formatted with ``fmt``; the key itself if unknown."""
    ja, en = LABELS.get(key, (key, key))
    text = en if lang == "en" else ja
    return text.format(**fmt) if fmt else text
