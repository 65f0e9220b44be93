"""ingest.fold: each variant a Japanese user types folds onto one key (values checked by hand)."""

from __future__ import annotations

import pytest

from ingest.fold import fold, fold_core, fold_form, fold_text, similar_keys


@pytest.mark.parametrize(
    ("a", "b", "key"),
    [
        # hiragana / katakana (and half-width katakana, via NFKC)
        ("みやぎ連携復興センター", "ミヤギ連携復興センター", "ミヤギ連携復興センタ"),
        ("ﾐﾔｷﾞ連携復興ｾﾝﾀｰ", "みやぎ連携復興センター", "ミヤギ連携復興センタ"),
        # ヶ / ケ / ヵ / が between kanji
        ("霞ヶ関ボランティア会", "霞ケ関ボランティア会", "霞ヶ関ボランティア会"),
        ("霞ヵ関ボランティア会", "霞が関ボランティア会", "霞ヶ関ボランティア会"),
        ("八ヶ岳自然学校", "八ケ岳自然学校", "八ヶ岳自然学校"),
        # 異体字 (not 旧字体: ingest.fold.ITAIJI) and 旧字体 (kyujipy)
        ("髙橋商店", "高橋商店", "高橋商店"),
        ("宮﨑の森", "宮崎の森", "宮崎ノ森"),
        ("宮嵜の森", "宮崎の森", "宮崎ノ森"),
        ("德島市民会議", "徳島市民会議", "徳島市民会議"),
        ("渡邉工務店", "渡辺工務店", "渡辺工務店"),
        ("渡邊工務店", "渡辺工務店", "渡辺工務店"),
        ("澤田會館", "沢田会館", "沢田会館"),
        ("濱田國際交流協會", "浜田国際交流協会", "浜田国際交流協会"),
        # long vowel and dash variants after katakana
        ("まちづくりセンター", "まちづくりセンタ", "マチヅクリセンタ"),
        ("まちづくりセンタ－", "まちづくりセンター", "マチヅクリセンタ"),  # U+FF0D
        ("まちづくりセンタ―", "まちづくりセンター", "マチヅクリセンタ"),  # U+2015
        ("まちづくりセンタ‐", "まちづくりセンター", "マチヅクリセンタ"),  # U+2010
        ("コンピューター工房", "コンピュータ工房", "コンピュータ工房"),
        ("サーバー研究会", "サーバ研究会", "サーバ研究会"),
        # middle dot
        ("ボランティア・センター", "ボランティアセンター", "ボランティアセンタ"),
        # 前株 / 後株 and abbreviations
        ("株式会社富士通エフサス", "富士通エフサス株式会社", "株式会社富士通エフサス"),
        ("㈱富士通エフサス", "富士通エフサス(株)", "株式会社富士通エフサス"),
        ("有限会社 佐藤商店", "佐藤商店有限会社", "有限会社佐藤商店"),
        ("一般社団法人みらい", "みらい一般社団法人", "一般社団法人ミライ"),
        # certified NPO = NPO法人
        ("認定NPO法人 せんだい", "特定非営利活動法人センダイ", "特定非営利活動法人センダイ"),
        ("特例認定特定非営利活動法人せんだい", "NPO法人せんだい", "特定非営利活動法人センダイ"),
    ],
)
def test_variant_pairs_fold_alike(a: str, b: str, key: str) -> None:
    assert fold(a) == key
    assert fold(b) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("一般社団法人X", "公益社団法人X"),  # two legal forms are two entities (ingest.identity)
        ("株式会社X", "X"),  # a name without its form: fold_core, not fold
        ("ケアセンター", "カアセンター"),  # ケ only folds between kanji
        ("斎藤商店", "斉藤商店"),  # 斎 and 斉 are two 新字体, not variants of one another
        ("仙台市", "石巻市"),
    ],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_core_and_form() -> None:
    assert fold_core("株式会社 髙﨑ストアー") == fold_core("髙﨑ストア") == "高崎ストア"
    assert fold_form("X株式会社") == "株式会社"
    assert fold_form("髙﨑ストア") == ""


def test_small_ke_outside_kanji() -> None:
    # a small ヶ/ヵ not between kanji is the large letter
    assert fold_text("ヶア") == "ケア"
    assert fold_text("ヵフェ") == "カフェ"


def test_similar_keys_ranks_by_ratio() -> None:
    keys = [fold(n) for n in ("みやぎ連携復興センター", "みやぎ生協", "石巻市", "宮城県")]
    assert similar_keys(fold("ミヤギ連携復興センタ―"), keys)[0] == "ミヤギ連携復興センタ"
    assert "石巻市" not in similar_keys(fold("ミヤギ連携復興センタ―"), keys)
