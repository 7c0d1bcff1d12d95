"""How hard a Chinese text is to read: sentence length in characters and the share of common words.

English pages are measured with grade formulas (textmetrics.py); those do not apply to
Chinese. Plain Chinese for patients is usually described by short sentences and everyday
words, so this module measures exactly that:

- ``sentence_lengths``: Chinese characters (汉字) per sentence; a sentence ends at
  。！？；, at a line break, or at the end of a list item;
- ``common_share``: of the words (split by jieba), the share that wordfreq counts as
  common in Chinese (Zipf frequency at least ``COMMON_ZIPF``, i.e. at least about one in
  a million words). Medical terms the course explains in its glossary are not held
  against a page: pass them as ``explained``.

How the thresholds were set. Three published Chinese health texts for the public, cited
in ``CALIBRATION`` and kept in ``tests/fixtures/zh-calibration/``, were measured as they
stand (no word counted as explained):

- WHO, 为什么我们需要谈论失去胎儿的问题: 16 sentences, mean 36.9 characters, longest 77,
  common words 0.981;
- 沈阳市卫生健康委员会, 孕前准备: 20 sentences, mean 23.2, longest 62, common 0.915;
- 中国疾控中心妇幼保健中心, 第四十五条: 8 sentences, mean 31.8, longest 79, common 0.933.

Each threshold is the hardest of the three plus the small margin in ``MARGIN`` (two
characters of mean length, five characters of the longest sentence, 0.02 of the share of
common words), so every text passes and the hardest passes by no more than that margin. A page of the course is therefore
held to be at least as plain as published health information for the public. The Chinese
lessons, measured the same way from the built edition (with the glossary terms
explained), all sit well inside these limits (mean 13.7-20.6 characters, longest
sentence at most 57, common words at least 95 %). A threshold may only move when the
calibration texts change: ``tests/test_textmetrics_zh.py`` checks that ``THRESHOLDS``
equal what the texts give.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import jieba
from wordfreq import zipf_frequency

jieba.setLogLevel(60)  # jieba prints its dictionary loading otherwise

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
COMMON_ZIPF = 3.0
CALIBRATION_DIR = Path(__file__).resolve().parent / "fixtures" / "zh-calibration"
# (citation, fixture file) of the real texts the thresholds are calibrated on.
CALIBRATION: list[tuple[str, str]] = [
    ("世界卫生组织：《为什么我们需要谈论失去胎儿的问题》，世卫组织中文网站“焦点”栏目"
     "（英文原文 Why we need to talk about losing a baby，2019年3月），"
     "https://test-cms.who.int/zh/news-room/spotlight/why-we-need-to-talk-about-losing-a-baby",
     "who-losing-a-baby.txt"),
    ("沈阳市卫生健康委员会：《孕前准备》，沈阳市人民政府网站，2025年3月24日，"
     "https://www.shenyang.gov.cn/zwgk/fdzdgknr/zdlyxxgk/wsjkfw/wyb/rhfw/jksy/yqfw/202503/"
     "t20250324_4825845.html",
     "shenyang-preconception.txt"),
    ("中国疾病预防控制中心妇幼保健中心：《妇幼全生命周期健康教育基本信息（女性篇）》"
     "第四十五条，https://www.chinawch.org.cn/cbw2021/women/files/basic-html/page86.html",
     "ncwch-early-bleeding.txt"),
]
# How far inside each threshold the hardest calibration text sits.
MARGIN = {"mean_sentence": 2.0, "longest_sentence": 5, "common_share": 0.02}
THRESHOLDS = {
    "mean_sentence": 38.9,   # characters, at most: WHO text 36.9 + 2.0
    "longest_sentence": 84,  # characters, at most: 中国疾控中心妇幼保健中心 text 79 + 5
    "common_share": 0.895,   # at least: 沈阳市卫生健康委员会 text 0.915 - 0.02
}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if HAN.search(s or "")]


def sentence_lengths(text: str) -> list[int]:
    return [len(HAN.findall(s)) for s in sentences(text)]


def words(text: str) -> list[str]:
    """The Chinese words of the text (tokens with at least one 汉字)."""
    return [w for w in jieba.lcut(text) if HAN.search(w)]


def common_share(text: str, explained: set[str] = frozenset()) -> float:
    found = words(text)
    if not found:
        return 1.0
    common = sum(w in explained or zipf_frequency(w, "zh") >= COMMON_ZIPF for w in found)
    return common / len(found)


def measure(text: str, explained: set[str] = frozenset()) -> dict:
    found = sentences(text)
    lengths = [len(HAN.findall(s)) for s in found] or [0]
    return {
        "sentences": len(found),
        "mean_sentence": round(statistics.fmean(lengths), 1),
        "longest_sentence": max(lengths),
        "longest_text": max(found, key=lambda s: len(HAN.findall(s)), default=""),
        "common_share": round(common_share(text, explained), 3),
    }


def problems(result: dict, thresholds: dict = THRESHOLDS) -> list[str]:
    """What is over the thresholds, in words a writer can act on."""
    found = []
    if result["mean_sentence"] > thresholds["mean_sentence"]:
        found.append(f"sentences average {result['mean_sentence']} characters "
                     f"(at most {thresholds['mean_sentence']}): split long sentences")
    if result["longest_sentence"] > thresholds["longest_sentence"]:
        found.append(f"the longest sentence has {result['longest_sentence']} characters "
                     f"(at most {thresholds['longest_sentence']}): split "
                     f"「{result.get('longest_text', '')}」")
    if result["common_share"] < thresholds["common_share"]:
        found.append(f"{result['common_share']:.1%} of the words are common "
                     f"(at least {thresholds['common_share']:.1%}): use everyday words "
                     f"or explain the term in the glossary")
    return found


def calibration_text(name: str) -> str:
    """The text of a calibration fixture, without its '# ' citation header."""
    path = CALIBRATION_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"{path}: calibration fixture is missing; add the text or "
                                f"remove its entry from CALIBRATION in textmetrics_zh.py")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("# ") or "http" not in lines[0]:
        raise ValueError(f"{path}, line 1: must be a '# ' line citing the source "
                         f"(publisher, title, date and URL)")
    body = "\n".join(line for line in lines if not line.startswith("#")).strip()
    if not HAN.search(body):
        raise ValueError(f"{path}, line {len(lines)}: no Chinese text after the citation "
                         f"header; paste the excerpt below the '# ' lines")
    return body


def calibrated_thresholds() -> dict:
    """The thresholds the calibration texts give: the hardest text plus ``MARGIN``."""
    results = [measure(calibration_text(name)) for _, name in CALIBRATION]
    return {
        "mean_sentence": round(max(r["mean_sentence"] for r in results)
                               + MARGIN["mean_sentence"], 1),
        "longest_sentence": max(r["longest_sentence"] for r in results)
        + MARGIN["longest_sentence"],
        "common_share": round(min(r["common_share"] for r in results)
                              - MARGIN["common_share"], 3),
    }
