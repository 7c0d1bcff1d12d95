"""Every number the figures draw, each next to its source.

``source`` is a key of ``references.bib``; ``note`` says where in the source
the number is printed.  Numbers were checked against the source's abstract or
results text.  Where a value could not be checked (for example the middle
age bands of Magnus et al. 2019), it is left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass


@dataclass(frozen=True)
class Cited:
    """A number with the references.bib key of the work that reports it."""

    value: float
    source: str
    note: str = ""
    low: float | None = None  # lower end of the 95% confidence interval, if published
    high: float | None = None  # upper end of the 95% confidence interval, if published

    def __post_init__(self):
        if not self.source or " " in self.source:
            raise ValueError(f"Cited({self.value}) needs one references.bib key, got {self.source!r}")


@dataclass(frozen=True)
class Arm:
    """Live-birth rate in one arm of a trial (percent)."""

    label: str
    percent: Cited
    events: int | None = None
    total: int | None = None


@dataclass(frozen=True)
class Trial:
    name: str
    question: str  # who was treated with what, in plain words
    treated: Arm
    untreated: Arm
    finding: str  # plain-words result


# --- How common miscarriage is (Quenby et al. 2021, Lancet) -----------------
MISCARRIAGE_PER_RECOGNISED_PREGNANCY = Cited(
    15.3, "quenby2021", "pooled risk of miscarriage per recognised pregnancy, percent (summary)"
)
WOMEN_WITH_TWO_LOSSES = Cited(1.9, "quenby2021", "population prevalence of two miscarriages, percent")
WOMEN_WITH_THREE_OR_MORE = Cited(0.7, "quenby2021", "population prevalence of three or more miscarriages, percent")


# --- Risk of miscarriage by the mother's age (Magnus et al. 2019, BMJ) -------
# Only the bands the paper states in its text: under 20, 25-29 (the lowest)
# and 45 and over.  The middle bands appear only in press coverage, so they
# are not drawn.
RISK_BY_AGE = {
    "Under 20": Cited(15.8, "magnus2019", "results text: youngest mothers (<20 years), percent"),
    "25 to 29": Cited(9.8, "magnus2019", "results text: lowest risk band; abstract rounds to 10%"),
    "45 and over": Cited(53.6, "magnus2019", "results text: highest risk; abstract rounds to 53%"),
}
PREGNANCIES_IN_MAGNUS = Cited(421201, "magnus2019", "abstract: pregnancies in Norway 2009-13")


# --- Odds of miscarriage by number of previous miscarriages (Magnus 2019) ---
ODDS_BY_PREVIOUS_LOSSES = {
    "1": Cited(1.54, "magnus2019", "abstract: age-adjusted odds ratio after one miscarriage", 1.48, 1.60),
    "2": Cited(2.21, "magnus2019", "abstract: after two miscarriages", 2.03, 2.41),
    "3": Cited(3.97, "magnus2019", "abstract: after three consecutive miscarriages", 3.29, 4.78),
}


# --- Treatment trials: live birth with and without the treatment ------------
TRIALS = (
    Trial(
        "PRISM",
        "Progesterone for bleeding in early pregnancy",
        Arm("Progesterone", Cited(75, "coomarasamy2019prism", "abstract: 1513 of 2025"), 1513, 2025),
        Arm("Placebo", Cited(72, "coomarasamy2019prism", "abstract: 1459 of 2013"), 1459, 2013),
        "Small, uncertain gain overall",
    ),
    Trial(
        "PRISM, 3 or more earlier losses",
        "Same trial: women with bleeding and 3 or more miscarriages before",
        Arm("Progesterone", Cited(72, "coomarasamy2019prism", "prespecified subgroup, 3+ previous miscarriages")),
        Arm("Placebo", Cited(57, "coomarasamy2019prism", "prespecified subgroup, 3+ previous miscarriages")),
        "Clear gain",
    ),
    Trial(
        "PROMISE",
        "Progesterone for unexplained recurrent miscarriage, no bleeding",
        Arm("Progesterone", Cited(65.8, "coomarasamy2015promise", "abstract: 262 of 398"), 262, 398),
        Arm("Placebo", Cited(63.3, "coomarasamy2015promise", "abstract: 271 of 428"), 271, 428),
        "No clear gain",
    ),
    Trial(
        "TABLET",
        "Levothyroxine for thyroid antibodies with normal thyroid tests",
        Arm("Levothyroxine", Cited(37.4, "dhillonsmith2019tablet", "results: 176 women"), 176),
        Arm("Placebo", Cited(37.9, "dhillonsmith2019tablet", "results: 178 women"), 178),
        "No gain",
    ),
    Trial(
        "ALIFE2",
        "Heparin for inherited clotting tendency",
        Arm("Heparin", Cited(72, "quenby2023alife2", "abstract: 116 of 162"), 116, 162),
        Arm("Standard care", Cited(71, "quenby2023alife2", "abstract: 112 of 158"), 112, 158),
        "No gain",
    ),
    Trial(
        "TRUST",
        "Surgery to remove a womb septum",
        Arm("Surgery", Cited(31, "rikken2021trust", "live birth within 12 months: 12 of 39"), 12, 39),
        Arm("No surgery", Cited(35, "rikken2021trust", "14 of 40"), 14, 40),
        "No gain",
    ),
)


# --- Public beliefs about causes (Bardos et al. 2015, US survey) -------------
SURVEY_SIZE = Cited(1084, "bardos2015", "abstract: respondents, US adults aged 18-69, 2013")
WRONG_BELIEFS = {
    "A stressful event": Cited(76, "bardos2015", "abstract: commonly believed cause, percent"),
    "Lifting something heavy": Cited(64, "bardos2015", "abstract"),
    "Having used a coil (IUD) before": Cited(28, "bardos2015", "abstract"),
    "Having taken the pill before": Cited(22, "bardos2015", "abstract"),
}
BELIEVED_MISCARRIAGE_RARE = Cited(
    55, "bardos2015", "abstract: believed miscarriage occurs in 5% or less of pregnancies, percent"
)
FEELINGS_AFTER_LOSS = {
    "Felt guilty": Cited(47, "bardos2015", "abstract: of those who had a miscarriage, percent"),
    "Felt they had done something wrong": Cited(41, "bardos2015", "abstract"),
    "Felt alone": Cited(41, "bardos2015", "abstract"),
}


# --- Outlook after recurrent miscarriage --------------------------------------
LIVE_BIRTH_WITHIN_5_YEARS = Cited(
    66.7, "lund2012", "abstract: 987 women, Danish clinic, live birth within 5 years of first visit", 63.7, 69.7
)
LIVE_BIRTH_WITHIN_15_YEARS = Cited(71.1, "lund2012", "abstract: within 15 years", 68.0, 74.2)
NEXT_PREGNANCY_SUCCESS = Cited(
    75, "brigham1999", "abstract: 226 of 325 women with unexplained recurrent miscarriage conceived; 75% success"
)


# --- Emotional health after early pregnancy loss (Farren et al.) -------------
POST_TRAUMATIC_STRESS_WOMEN = {
    "1 month": Cited(29, "farren2020", "criteria for post-traumatic stress, percent"),
    "9 months": Cited(18, "farren2020", "criteria for post-traumatic stress, percent"),
}
ANXIETY_WOMEN = {
    "1 month": Cited(24, "farren2020", "moderate or severe anxiety, percent"),
    "9 months": Cited(17, "farren2020", "moderate or severe anxiety, percent"),
}
DEPRESSION_WOMEN = {
    "1 month": Cited(11, "farren2020", "moderate or severe depression, percent"),
    "9 months": Cited(6, "farren2020", "moderate or severe depression, percent"),
}
POST_TRAUMATIC_STRESS_COUPLES = {
    # month: (women, partners)
    "1 month": (Cited(34, "farren2021partners", "women"), Cited(7, "farren2021partners", "partners")),
    "3 months": (Cited(26, "farren2021partners", "women"), Cited(8, "farren2021partners", "partners")),
    "9 months": (Cited(21, "farren2021partners", "women"), Cited(4, "farren2021partners", "partners")),
}


# --- Where the definitions draw their lines (weeks of pregnancy) -------------
FIRST_TRIMESTER_ENDS_WEEK = Cited(13, "rcog2023", "first trimester: up to about 12-13 weeks")
UPPER_LIMIT_WEEKS = {
    "UK": Cited(24, "rcog2023", "miscarriage before 24 weeks in the UK"),
    "China": Cited(28, "chinese2022", "losses before 28 weeks"),
}
LOSSES_NEEDED = {
    "ESHRE": Cited(2, "eshre2022", "two or more pregnancy losses, not necessarily consecutive"),
    "ASRM": Cited(2, "asrm2013", "two or more failed clinical pregnancies"),
    "RCOG": Cited(3, "rcog2023", "three or more first-trimester losses; or one or more second-trimester loss"),
    "RCOG, later loss": Cited(1, "rcog2023", "one or more second-trimester loss"),
    "China": Cited(2, "chinese2022", "two or more consecutive losses with the same partner, before 28 weeks"),
}


def all_cited() -> list[tuple[str, Cited]]:
    """Every Cited value in this module, with a dotted path for error messages."""
    found: list[tuple[str, Cited]] = []

    def walk(name, obj):
        if isinstance(obj, Cited):
            found.append((name, obj))
        elif isinstance(obj, dict):
            for k, v in obj.items():
                walk(f"{name}[{k!r}]", v)
        elif isinstance(obj, (list, tuple)):
            for i, v in enumerate(obj):
                walk(f"{name}[{i}]", v)
        elif is_dataclass(obj) and not isinstance(obj, type):
            for f in fields(obj):
                walk(f"{name}.{f.name}", getattr(obj, f.name))

    for key, value in list(globals().items()):
        if key.isupper():
            walk(key, value)
    return found
