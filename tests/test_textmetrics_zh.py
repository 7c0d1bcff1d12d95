"""The plain-Chinese measure: calibrated on cited real texts, and able to fail.

Reads only the sources (``tests/fixtures/zh-calibration/`` and ``textmetrics_zh.py``);
the lessons themselves are measured in ``test_i18n.py`` from the built edition.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import textmetrics_zh  # noqa: E402
from textmetrics_zh import (  # noqa: E402
    CALIBRATION, CALIBRATION_DIR, THRESHOLDS, calibrated_thresholds, calibration_text,
    measure, problems, sentence_lengths, words)

URL = re.compile(r"https?://\S+?(?=[\s)（）,，]|$)")
# One sentence of officialese: long, stacked clauses, nothing a worried reader can act on.
BUREAUCRATIC = (
    "为进一步深入贯彻落实关于加强妇幼健康服务体系建设的有关指导意见精神，各级各类医疗卫生机构"
    "应当在充分调查研究和科学论证的基础上，统筹推进复发性流产患者病因学筛查、分层分级诊疗、"
    "全周期随访管理以及心理健康干预等相关工作的规范化、标准化和同质化建设，切实提升相关服务的"
    "可及性、连续性与人民群众的获得感和满意度。")
# Short sentences, but clinical shorthand nobody outside a clinic uses.
JARGON = "抗磷脂抗体阳性者予低分子肝素联合小剂量阿司匹林抗凝。宫腔镜下行纵隔切除术。黄体支持予地屈孕酮。"


def test_calibration_has_at_least_two_cited_texts():
    assert len(CALIBRATION) >= 2, "calibrate on at least two real, cited texts"
    assert len({name for _, name in CALIBRATION}) == len(CALIBRATION)
    for citation, name in CALIBRATION:
        path = CALIBRATION_DIR / name
        assert path.exists(), f"{path} is cited in CALIBRATION but missing"
        urls = URL.findall(citation)
        assert urls and "：" in citation, (
            f"{name}: the citation needs the publisher, the title and the URL: {citation!r}")
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# ") and urls[0] in header, (
            f"{path}, line 1: the citation header must give the same URL as CALIBRATION "
            f"({urls[0]})")


@pytest.mark.parametrize("name", [name for _, name in CALIBRATION])
def test_calibration_text_passes_the_thresholds(name):
    result = measure(calibration_text(name))
    print(name, result)
    assert result["sentences"] >= 8, f"{name}: too little text to calibrate on"
    assert not problems(result), problems(result)


def test_thresholds_are_what_the_calibration_texts_give():
    """No threshold is looser (or stricter) than the hardest real text plus the margin."""
    assert THRESHOLDS == calibrated_thresholds()


def test_hardest_text_is_within_the_margin_of_each_threshold():
    results = [measure(calibration_text(name)) for _, name in CALIBRATION]
    margin = textmetrics_zh.MARGIN
    assert THRESHOLDS["mean_sentence"] - max(r["mean_sentence"] for r in results) \
        == pytest.approx(margin["mean_sentence"])
    assert THRESHOLDS["longest_sentence"] - max(r["longest_sentence"] for r in results) \
        == margin["longest_sentence"]
    assert min(r["common_share"] for r in results) - THRESHOLDS["common_share"] \
        == pytest.approx(margin["common_share"])


def test_bureaucratic_long_sentence_fails():
    result = measure(BUREAUCRATIC)
    found = problems(result)
    assert result["sentences"] == 1 and result["longest_sentence"] > 100
    assert any("average" in p for p in found), found
    assert any("longest sentence" in p and BUREAUCRATIC in p for p in found), found


def test_clinical_jargon_fails_the_common_words():
    result = measure(JARGON)
    assert result["mean_sentence"] <= THRESHOLDS["mean_sentence"]
    assert [p for p in problems(result) if "common" in p], result
    # Words the glossary explains count as common: explaining every term lifts the page.
    assert not problems(measure(JARGON, set(words(JARGON))))


def test_sentences_end_at_chinese_stops_and_line_breaks():
    assert sentence_lengths("失去一次怀孕很难。请休息！\n您可以问医生；好吗？") == [8, 3, 6, 2]
    assert sentence_lengths("March of Dimes 10-15%") == []


def test_fixture_without_citation_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "bare.txt").write_text("流产很常见。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("# 某机构：《标题》，https://example.org/a\n\n", encoding="utf-8")
    monkeypatch.setattr(textmetrics_zh, "CALIBRATION_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"bare\.txt, line 1: .*citing the source"):
        calibration_text("bare.txt")
    with pytest.raises(ValueError, match=r"empty\.txt, line \d+: no Chinese text"):
        calibration_text("empty.txt")
    with pytest.raises(FileNotFoundError, match=r"missing\.txt: calibration fixture is missing"):
        calibration_text("missing.txt")
