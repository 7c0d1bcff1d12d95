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

The thresholds are PROVISIONAL. They are to be calibrated on two published Chinese
patient texts from a cited source (for example a hospital's or a health authority's
patient leaflet on miscarriage): put their text in ``tests/fixtures/zh-calibration/``,
cite them in ``CALIBRATION``, measure them with ``measure`` and set the thresholds so
that both pass with a small margin. Until then ``THRESHOLDS`` are a first guess taken
from common plain-language advice (about 20–30 characters a sentence).
"""

from __future__ import annotations

import re
import statistics

import jieba
from wordfreq import zipf_frequency

jieba.setLogLevel(60)  # jieba prints its dictionary loading otherwise

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")
COMMON_ZIPF = 3.0
THRESHOLDS = {
    "mean_sentence": 30.0,   # characters, at most (provisional)
    "longest_sentence": 70,  # characters, at most (provisional)
    "common_share": 0.80,    # at least (provisional)
}
# (citation, fixture file) of the real texts the thresholds are calibrated on; empty until
# the two texts are chosen and cited.
CALIBRATION: list[tuple[str, str]] = []


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
    lengths = sentence_lengths(text) or [0]
    return {
        "sentences": len(lengths),
        "mean_sentence": round(statistics.fmean(lengths), 1),
        "longest_sentence": max(lengths),
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
                     f"(at most {thresholds['longest_sentence']})")
    if result["common_share"] < thresholds["common_share"]:
        found.append(f"{result['common_share']:.0%} of the words are common "
                     f"(at least {thresholds['common_share']:.0%}): use everyday words "
                     f"or explain the term in the glossary")
    return found
