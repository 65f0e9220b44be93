"""The words of the partner survey: the questionnaire, the Survey page, and the survey scores beside the measures."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
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
    # survey scores beside the measures (ui/parts/survey_scores.py)
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
}
