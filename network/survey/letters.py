"""Printable survey papers: invitation letters with QR codes, and the paper questionnaire (PDF, Japanese).

:func:`letters_pdf` writes one A4 page per organisation: its name, the round,
the deadline, its personal link as text and as a QR code (segno, drawn as vector
squares), and how to answer on paper instead.  :func:`paper_form_pdf` writes the
same questions as a form whose table columns are the headers
``renkei survey import`` reads, so answers typed in from it import as they are.

The font is Noto Sans CJK JP, embedded (:mod:`network.survey.fonts`).  Every
name is escaped before it goes into a reportlab paragraph (which reads markup).

>>> from network.survey.model import Round
>>> pdf = letters_pdf(Round("R6", 2024, ["a"], "2025-01-31"), [{"org": "a", "name": "れんぷく <b>",
...                   "url": "http://127.0.0.1:8501/survey?token=x"}])
>>> pdf[:5], pdf.count(b"/Type /Page\\n") + pdf.count(b"/Type /Page ")
(b'%PDF-', 1)
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

import segno
from reportlab.platypus import Flowable

from network.model import STRENGTH_LABELS, TieType
from network.survey.fonts import register_japanese
from network.survey.model import CONTRIBUTIONS, FREQUENCIES, ITEMS, SCALE, SURVEY_TYPES, Round
from network.survey.paper import HEADERS

__all__ = ["letters_pdf", "paper_form_pdf", "japanese_date"]


def japanese_date(iso: str | None) -> str:
    """``2025-01-31`` → ``2025年1月31日``; ``None`` → ``""``.

    >>> japanese_date("2025-01-31")
    '2025年1月31日'
    """
    if not iso:
        return ""
    d = date.fromisoformat(iso[:10])
    return f"{d.year}年{d.month}月{d.day}日"


#: Beside the QR code (right-aligned, pointing at it).
_QR_CAPTION = "QRコード（読み取ると回答ページが開きます）→\nQR code: opens your questionnaire →"


def _styles(font: str) -> dict:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("jp", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=24, spaceAfter=10),
        "to": ParagraphStyle("to", parent=base, fontSize=13, leading=20),
        "right": ParagraphStyle("right", parent=base, alignment=2),
        "url": ParagraphStyle("url", parent=base, fontSize=9, leading=13),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=10),
        "qr_caption": ParagraphStyle("qr_caption", parent=base, fontSize=8.5, leading=12, alignment=2),
    }


class _QR(Flowable):
    """A QR code of ``data`` drawn as black squares, ``size`` points wide."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.qr = segno.make(data, error="m", micro=False)
        self.width = self.height = self.size = size

    def draw(self) -> None:
        matrix = list(self.qr.matrix)
        m = self.size / (len(matrix) + 8)  # 4 modules of quiet zone each side
        c = self.canv
        c.setFillColorRGB(0, 0, 0)
        for y, row in enumerate(matrix):
            for x, dark in enumerate(row):
                if dark:
                    c.rect((x + 4) * m, self.size - (y + 5) * m, m, m, stroke=0, fill=1)


def _doc(buf: io.BytesIO, title: str, *, landscape_: bool = False):  # noqa: ANN202 - a SimpleDocTemplate
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        buf,
        pagesize=landscape(A4) if landscape_ else A4,
        title=title,
        author="Renkei",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )


def _letter_text(rnd: Round, link: dict, sender: str) -> list[tuple[str, str]]:
    deadline = japanese_date(rnd.close_date)
    return [
        ("right", japanese_date(date.today().isoformat())),
        ("to", f"{escape(link['name'])} 御中"),
        ("right", escape(sender)),
        ("title", f"「{escape(rnd.name)}」ご協力のお願い"),
        (
            "body",
            "日頃より地域での活動にご尽力いただき、ありがとうございます。地域の団体どうしのつながりを知り、"
            "これからの連携づくりに役立てるため、連携調査を行っています。貴団体がふだん一緒に活動している団体と、"
            "それぞれとの関係（頻度・深さ・信頼など）について、10分ほどでお答えください。",
        ),
        ("body", f"<b>回答期限: {deadline}</b>" if deadline else "回答期限: 調査の締め切りまで"),
        (
            "body",
            "スマートフォンのカメラで右下のQRコードを読み取るか、次のアドレスをブラウザに入力してください。"
            "このリンクは貴団体専用です。ほかの方には渡さないでください。",
        ),
        ("url", escape(link["url"])),
        (
            "body",
            "インターネットでの回答が難しい場合は、紙の調査票にご記入のうえ、ご返送ください。"
            "回答は締切までは何度でも修正できます。",
        ),
        (
            "small",
            "Partnership survey: scan the QR code or open the link above (it is for your organisation only). "
            "You may revise your answers until the deadline.",
        ),
    ]


def letters_pdf(rnd: Round, links: list[dict], *, sender: str = "") -> bytes:
    """One A4 invitation letter per link (``{org, name, url}``), in order."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    pages = [_letter_text(rnd, link, sender) for link in links]
    font = register_japanese("".join(t for page in pages for _, t in page) + "回答期限" + _QR_CAPTION)
    st = _styles(font)
    story: list = []
    for i, (page, link) in enumerate(zip(pages, links)):
        if i:
            story.append(PageBreak())
        for style, text in page:
            story.append(Paragraph(text, st[style]))
            story.append(Spacer(1, 3 * mm))
        qr = Table(
            [[Paragraph(_QR_CAPTION.replace("\n", "<br/>"), st["qr_caption"]), _QR(link["url"], 45 * mm)]],
            colWidths=[120 * mm, 50 * mm],
        )
        qr.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
        story.append(qr)
    buf = io.BytesIO()
    _doc(buf, f"{rnd.name} 案内状").build(story)
    return buf.getvalue()


def _legend_rows() -> list[tuple[str, str]]:
    rows = [
        ("頻度 frequency", "　".join(f"{v[0]}" for v in FREQUENCIES.values())),
        ("強さ strength", "　".join(f"{n} {ja}" for n, (ja, _) in STRENGTH_LABELS.items())),
        ("種類 types", "　".join(TieType(t).ja for t in SURVEY_TYPES) + "（複数可、「・」で区切る）"),
        ("1〜4の評価", "　".join(f"{n} {ja}" for n, (ja, _) in SCALE.items())),
    ]
    rows += [(f"{HEADERS[i.key][0]}", i.ja) for i in ITEMS]
    return rows


def paper_form_pdf(rnd: Round, names: list[str], *, rows: int = 12) -> bytes:
    """The paper questionnaire of ``rnd``: instructions, the answer table, about yourself, and the list."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

    cols = ["respondent", "partner", "frequency", "strength", "types", *(i.key for i in ITEMS), "note"]
    heads = [HEADERS[c][0] for c in cols]
    legend = _legend_rows()
    contrib = "　".join(f"□ {v[0]}" for v in CONTRIBUTIONS.values())
    text = (
        "".join(heads)
        + "".join(a + b for a, b in legend)
        + contrib
        + "".join(names)
        + rnd.name
        + "紙の調査票回答する団体名自団体について提供できるもの自由記述調査の対象団体一覧記入のしかた"
        "一緒に活動している団体ごとに1行ずつ記入してください。一覧にない団体も書けます。締切"
        + japanese_date(rnd.close_date)
    )
    font = register_japanese(text)
    st = _styles(font)
    story: list = [
        Paragraph(f"「{escape(rnd.name)}」紙の調査票", st["title"]),
        Paragraph(
            "回答する団体名: ＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿　　締切: " + japanese_date(rnd.close_date), st["body"]
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "記入のしかた: 一緒に活動している団体ごとに1行ずつ記入してください。一覧にない団体も書けます。", st["body"]
        ),
    ]
    lt = Table(
        [[Paragraph(escape(a), st["cell"]), Paragraph(escape(b), st["cell"])] for a, b in legend],
        colWidths=[40 * mm, 215 * mm],
    )
    lt.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [lt, Spacer(1, 4 * mm)]
    widths = [26, 46, 20, 14, 28, *([14] * len(ITEMS)), 37]
    data = [[Paragraph(escape(h), st["cell"]) for h in heads]] + [[""] * len(cols) for _ in range(rows)]
    table = Table(data, colWidths=[w * mm for w in widths], rowHeights=[None] + [9 * mm] * rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story += [
        table,
        PageBreak(),
        Paragraph("自団体について", st["title"]),
        Paragraph(f"{escape(HEADERS['contributions'][0])}: {contrib}", st["body"]),
        Spacer(1, 4 * mm),
        Paragraph(f"{escape(HEADERS['comment'][0])}:", st["body"]),
    ]
    box = Table([[""]], colWidths=[255 * mm], rowHeights=[40 * mm])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [
        box,
        Spacer(1, 6 * mm),
        Paragraph("調査の対象団体一覧", st["to"]),
        Paragraph("　".join(escape(n) for n in names), st["small"]),
    ]
    buf = io.BytesIO()
    _doc(buf, f"{rnd.name} 紙の調査票", landscape_=True).build(story)
    return buf.getvalue()
