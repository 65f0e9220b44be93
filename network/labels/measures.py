"""The names of the measures and roles, and what each means in plain words (read by :mod:`network.explain`).

A measure has one name everywhere: the app, the map, the Markdown and PDF reports.  The explanation of ``key`` is
the vocabulary's ``explain_<key>``.
"""

from __future__ import annotations

__all__ = ["MEASURES", "EXPLANATIONS", "WORDS"]

MEASURES: dict[str, tuple[str, str]] = {
    "degree": ("連携数", "Partners"),
    "betweenness": ("媒介中心性", "Betweenness"),
    "constraint": ("制約度", "Constraint"),
    "effective_size": ("実効規模", "Effective size"),
    "coordinator": ("調整役", "Coordinator"),
    "itinerant": ("渡り役", "Itinerant"),
    "representative": ("代表役", "Representative"),
    "gatekeeper": ("門番役", "Gatekeeper"),
    "liaison": ("連絡役", "Liaison"),
    "total": ("仲介合計", "Brokerage total"),
    "cut_point": ("切断点", "Cut point"),
    "bridge": ("橋渡しの連携", "Bridge"),
    "community": ("コミュニティ", "Community"),
    "sector_mixing": ("分野間の連携密度", "Sector mixing"),
    "ei_index": ("E–I指数", "E–I index"),
    "area_gaps": ("地区の空白", "Area gaps"),
    "introductions": ("紹介の提案", "Suggested introductions"),
    "single_tie": ("一本のつながりに依存する団体", "Hanging on a single tie"),
    "components": ("つながりのまとまり（連結成分）", "Components"),
    "isolates": ("孤立した団体", "Isolates"),
    "density": ("密度", "Density"),
    "closeness": ("近接中心性", "Closeness"),
    "centralization": ("中心化", "Centralization"),
    "centralization_degree": ("中心化（連携数）", "Centralization (partners)"),
    "centralization_betweenness": ("中心化（媒介中心性）", "Centralization (betweenness)"),
    "sector_gaps": ("分野の組み合わせごとの連携", "Ties between pairs of sectors"),
    "brokerage": ("仲介合計", "Brokerage total"),
    "name": ("団体名", "Name"),
    "sector": ("区分", "Sector"),
    "district": ("地区（校区）", "District"),
}

#: What each measure or role means, and why it matters here.
EXPLANATIONS: dict[str, tuple[str, str]] = {
    "degree": (
        "連携数：直接つながっている団体の数です。",
        "Partners: how many organisations it is directly tied to.",
    ),
    "betweenness": (
        "媒介中心性：他の団体どうしを結ぶ最短の道筋に、その団体がどれだけ入っているか（0〜1）。"
        "高い団体は情報や資源の通り道で、抜けると多くの団体が遠回りになります。",
        "Betweenness: how often it lies on the shortest paths between other organisations (0–1). "
        "High values mark the channels that information and resources flow through; if it "
        "steps back, many others are pushed further apart.",
    ),
    "constraint": (
        "制約度（バートの構造的空隙）：連携先どうしが互いにつながっているほど高くなります。"
        "低い団体は互いに知らない相手どうしの間に立ち、新しい組み合わせを生みやすい位置にいます。",
        "Constraint (Burt's structural holes): high when its partners are tied to each other. "
        "Low constraint means it stands between partners who do not know each other — the "
        "position from which new combinations come.",
    ),
    "effective_size": (
        "実効規模：連携先の数から、連携先どうしの重なりを差し引いた「実質的な」つながりの数です。",
        "Effective size: its number of partners minus their redundancy — the non-overlapping contacts it really has.",
    ),
    "coordinator": (
        "調整役：同じ分野の団体どうしを、同じ分野の団体として仲立ちしている回数です（分野内のまとめ役）。",
        "Coordinator: it links two organisations of its own sector (brokering inside the sector).",
    ),
    "itinerant": (
        "渡り役：自分とは別の分野の、同じ分野の団体どうしを仲立ちしている回数です（外部の仲介者）。",
        "Itinerant: it links two organisations of another sector, from outside that sector.",
    ),
    "representative": (
        "代表役：自分の分野の団体から、別の分野の団体へつないでいる回数です（分野の窓口として外へ）。",
        "Representative: it carries ties from its own sector out to another sector — the sector's voice outside.",
    ),
    "gatekeeper": (
        "門番役：別の分野の団体から、自分の分野の団体へつないでいる回数です。"
        "外からの情報や資金が分野に入る入口で、ここが細いと分野全体が外から孤立します。",
        "Gatekeeper: it lets ties from another sector into its own sector. It is the door "
        "through which outside information and funds enter; if it closes, the whole sector "
        "is cut off from outside.",
    ),
    "liaison": (
        "連絡役：互いに異なる二つの分野の団体を、さらに別の分野の立場から仲立ちしている回数です。",
        "Liaison: it links two organisations of two different sectors, neither of them its own.",
    ),
    "total": (
        "仲介合計：5つの役割の合計。直接つながっていない二団体の間に立った回数です。",
        "Brokerage total: the five roles added up — how often it stands between two "
        "organisations that are not tied to each other.",
    ),
    "cut_point": (
        "切断点：この団体が抜けると、ネットワークが分断され、一部の団体が他とつながる道を失います"
        "（ネットワークの「バス係数」）。",
        "Cut point: if this organisation leaves, the network falls apart and some "
        "organisations lose every path to the rest (the network's bus factor).",
    ),
    "bridge": (
        "橋渡しの連携：この一本の連携がなくなると、ネットワークが二つに分かれます。",
        "Bridge: a single tie whose loss splits the network in two.",
    ),
    "community": (
        "コミュニティ：内部で密につながっている団体のまとまり（ルーヴァン法、乱数の種は固定）。",
        "Community: a group of organisations densely tied among themselves (Louvain method, fixed seed).",
    ),
    "sector_mixing": (
        "分野間の連携密度：分野の組み合わせごとに、ありうる連携のうち実際にある割合。"
        "全体の密度との比が1より小さい組み合わせは連携の空白です。",
        "Sector mixing: for each pair of sectors, the share of possible ties that exist. "
        "A ratio to the overall density below 1 marks a gap.",
    ),
    "ei_index": (
        "E–I指数：（外部との連携−内部の連携）÷（合計）。−1は分野内だけ、+1は分野外とだけ連携しています。",
        "E–I index: (external − internal ties) / all ties. −1: ties stay inside the group; +1: every tie goes outside.",
    ),
    "area_gaps": (
        "地区の空白：その地区のどの団体も、ある分野の団体と連携していない組み合わせです。",
        "Area gaps: districts none of whose organisations has a tie to a given sector.",
    ),
    "introductions": (
        "紹介の提案：まだ直接つながっていないが、共通の連携先が多く、分野やコミュニティをまたぐ組み合わせ。"
        "共通の連携先のうち両者と最も強くつながる団体を紹介者として挙げます。",
        "Suggested introductions: pairs not yet tied who share partners and cross a sector or "
        "community boundary, with the common partner most strongly tied to both as introducer.",
    ),
    "single_tie": (
        "一本のつながりに依存する団体：連携先が一つだけの団体。その連携が切れると孤立します。",
        "Hanging on a single tie: organisations with only one partner; losing that tie isolates them.",
    ),
    "components": (
        "連結成分：互いに道筋でつながっている団体のまとまり。複数ある場合、ネットワークは分断されています。",
        "Components: groups of organisations joined by some path; more than one means the network is split.",
    ),
    "isolates": (
        "孤立した団体：記録上、どの団体ともつながっていない団体です。",
        "Isolates: organisations with no recorded tie.",
    ),
    "density": (
        "密度：ありうる連携のうち、実際にある連携の割合です。",
        "Density: the share of possible ties that exist.",
    ),
    "closeness": (
        "近接中心性：ほかのすべての団体までの近さ（距離の逆数の平均、0〜1）。"
        "高い団体からは、少ない紹介の段数で誰にでも届きます。",
        "Closeness: how near it is to all the others (the mean of 1/distance, 0–1). From a "
        "high value, anyone is reached through few introductions.",
    ),
    "centralization": (
        "中心化：ネットワークが一つの団体にどれだけ集中しているか（0〜1）。"
        "1は一団体がすべてをつなぐ星形、0はどの団体も同じ立場です（フリーマン 1979）。",
        "Centralization: how much the network hangs on one organisation (0–1). 1 is a star "
        "where one organisation links everyone, 0 means all are alike (Freeman 1979).",
    ),
    "sector_gaps": (
        "分野の組み合わせごとの連携：向きを問わず、連携している団体の組の数を、ありうる組の数と比べます。"
        "全体の密度との比が1より小さい組み合わせ、特に連携が一つもない組み合わせが空白です。",
        "Ties between pairs of sectors: the pairs of organisations tied (either direction) "
        "against the pairs possible. A ratio to the overall density below 1 — above all, no "
        "tie at all — marks a gap.",
    ),
}

WORDS: dict[str, tuple[str, str]] = {**MEASURES, **{f"explain_{k}": v for k, v in EXPLANATIONS.items()}}
