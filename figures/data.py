"""The ledger: every medical number a reader sees, each with its source.

One entry (:class:`Cited`) holds a number, the ``references.bib`` key of the work
that reports it (``source``), the exact place in that work (``where``), and what
the number is a share or count *of* (``of``, with the population).  Figures read
the values from here; lesson text, tables, quiz feedback and the handout show them
with the ``{fact}`` role, for example ``{fact}`miscarriage-per-pregnancy```, which
prints the entry's ``says`` words (or ``{fact}`key:percent``` for "15.3%",
``{fact}`key:one-in``` for "about 1 in 6 or 7").

Numbers were checked against the source's abstract, results or recommendation
text.  Where a value could not be checked it is left out rather than guessed.
Odds ratios are shown to readers in words (see ``says``), not as "times as likely".
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from decimal import ROUND_HALF_UP, Decimal

FORMS = ("says", "percent", "in100", "one-in", "number")


@dataclass(frozen=True)
class Cited:
    """A number with the work that reports it, where, and what it is a share of."""

    value: float
    source: str  # one references.bib key
    where: str  # the place in the source that prints the number
    of: str = ""  # what the number is a share or count of, and in whom
    key: str = ""  # name used in the text as {fact}`key`; empty for figure-only values
    says: str = ""  # the words a reader sees; default: "15 in 100" for percents, else the number
    unit: str = "percent"  # percent | count | ratio | weeks | mg | minutes | hours | days | years
    low: float | None = None  # lower end of the 95% confidence interval, if published
    high: float | None = None  # upper end of the 95% confidence interval, if published

    def __post_init__(self):
        if not self.source or " " in self.source:
            raise ValueError(f"Cited({self.value}) needs one references.bib key, got {self.source!r}")

    def text(self, form: str = "says") -> str:
        """The words for this number: ``says`` (default), ``percent``, ``in100``, ``one-in`` or ``number``."""
        if form == "says" and self.says:
            return self.says
        if form == "percent" or (form == "says" and self.unit == "ratio"):
            return f"{self.value:g}%" if form == "percent" else f"{self.value:g}"
        if form == "in100" or (form == "says" and self.unit == "percent"):
            return f"{_round(self.value)} in 100"
        if form == "one-in":
            return _one_in(self.value)
        if form in ("number", "says"):
            return f"{self.value:,.0f}" if float(self.value).is_integer() else f"{self.value:g}"
        raise ValueError(f"unknown form {form!r}; use one of {', '.join(FORMS)}")


def _one_in(percent: float) -> str:
    """'about 1 in 7' for 14.3%; 'about 1 in 6 or 7' when the exact value falls between."""
    n = 100 / percent
    low = int(n)
    if 0.3 < n - low < 0.7:
        return f"about 1 in {low} or {low + 1}"
    return f"about 1 in {_round(n)}"


def _round(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


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
    15.3, "quenby2021", "Summary: pooled risk of miscarriage 15.3% (95% CI 12.5-18.7)",
    of="recognised (known) pregnancies, pooled from studies worldwide",
    key="miscarriage-per-pregnancy", says="15 in 100", low=12.5, high=18.7,
)
MISCARRIAGES_PER_YEAR = Cited(
    23, "quenby2021", "Summary: an estimated 23 million miscarriages every year worldwide",
    of="miscarriages each year worldwide (estimate)", key="miscarriages-per-year",
    says="23 million", unit="count",
)
WOMEN_WITH_ONE_LOSS = Cited(
    10.8, "quenby2021", "Summary: population prevalence of one miscarriage 10.8% (10.3-11.4)",
    of="women in the general population", key="women-one-loss", says="11 in 100", low=10.3, high=11.4,
)
WOMEN_WITH_TWO_LOSSES = Cited(
    1.9, "quenby2021", "Summary: two miscarriages 1.9% (1.8-2.1)",
    of="women in the general population", key="women-two-losses", says="2 in 100", low=1.8, high=2.1,
)
WOMEN_WITH_THREE_OR_MORE = Cited(
    0.7, "quenby2021", "Summary: three or more miscarriages 0.7% (0.5-0.8)",
    of="women in the general population", key="women-three-losses", says="fewer than 1 in 100",
    low=0.5, high=0.8,
)
BELIEVED_MISCARRIAGE_RARE = Cited(
    55, "bardos2015", "abstract: 55% believed miscarriage occurs in 5% or less of pregnancies",
    of="1,084 US adults who answered the survey", key="survey-believed-rare", says="more than half",
)
BELIEVED_RARE_THRESHOLD = Cited(
    5, "bardos2015", "abstract: 'occurs in 5% or less of all pregnancies'",
    of="pregnancies (the share survey respondents believed end in miscarriage)",
    key="survey-rare-threshold", says="5 in 100",
)


# --- Risk of miscarriage by the mother's age (Magnus et al. 2019, BMJ) -------
# Only the bands the paper states in its text: under 20, 25-29 (the lowest)
# and 45 and over.  The middle bands appear only in press coverage, so they
# are not drawn.
RISK_BY_AGE = {
    "Under 20": Cited(15.8, "magnus2019", "results text: youngest mothers (<20 years), 15.8%",
                      of="recognised pregnancies of women under 20 in Norway", key="risk-age-under-20"),
    "25 to 29": Cited(9.8, "magnus2019", "results text: lowest risk, 25-29 years, 9.8%; abstract rounds to 10%",
                      of="recognised pregnancies of women aged 25-29 in Norway", key="risk-age-25-29"),
    "45 and over": Cited(53.6, "magnus2019", "results text: 45 years or over, 53.6%; abstract rounds to 53%",
                         of="recognised pregnancies of women aged 45 or over in Norway", key="risk-age-45",
                         says="more than half"),
}
PREGNANCIES_IN_MAGNUS = Cited(
    421201, "magnus2019", "abstract: 421 201 pregnancies in Norway, 2009-13",
    of="pregnancies in the Norwegian registries studied", key="magnus-pregnancies", unit="count",
)


# --- Odds of miscarriage by number of previous miscarriages (Magnus 2019) ---
# Odds ratios compared with women with no previous miscarriage, adjusted for age.
# Readers see them in words: on a baseline of about 10-15 in 100, an odds ratio of
# about 4 means roughly 3 times the risk, so the text says "higher", not "4 times".
ODDS_BY_PREVIOUS_LOSSES = {
    "1": Cited(1.54, "magnus2019", "abstract: adjusted odds ratio 1.54 (1.48 to 1.60) after one miscarriage",
               of="odds of miscarriage compared with women with no previous miscarriage",
               key="odds-after-one", unit="ratio", low=1.48, high=1.60),
    "2": Cited(2.21, "magnus2019", "abstract: 2.21 (2.03 to 2.41) after two consecutive miscarriages",
               of="odds of miscarriage compared with women with no previous miscarriage",
               key="odds-after-two", unit="ratio", low=2.03, high=2.41),
    "3": Cited(3.97, "magnus2019", "abstract: 3.97 (3.29 to 4.78) after three consecutive miscarriages",
               of="odds of miscarriage compared with women with no previous miscarriage",
               key="odds-after-three", unit="ratio", low=3.29, high=4.78),
}


# --- Treatment trials: live birth with and without the treatment ------------
# Live birth is defined differently in each trial (PRISM: at or after 34 weeks;
# TRUST: within 12 months of randomisation; TABLET counts women who never
# conceived), so the figure compares arms within a trial, never across trials.
TRIALS = (
    Trial(
        "PRISM",
        "Progesterone for bleeding in early pregnancy, scan-confirmed pregnancy in the womb",
        Arm("Progesterone", Cited(75, "coomarasamy2019prism", "abstract: 1513 of 2025 (75%)",
                                  of="women with bleeding in early pregnancy given progesterone",
                                  key="prism-progesterone"), 1513, 2025),
        Arm("Placebo", Cited(72, "coomarasamy2019prism", "abstract: 1459 of 2013 (72%); RR 1.03, P=0.08",
                             of="women with bleeding in early pregnancy given placebo",
                             key="prism-placebo"), 1459, 2013),
        "Small gain overall, not certain",
    ),
    Trial(
        "PRISM, 3 or more losses",
        "Same trial: women with bleeding and 3 or more miscarriages before",
        Arm("Progesterone", Cited(72, "coomarasamy2019prism",
                                  "abstract: prespecified subgroup, 3 or more previous miscarriages, 72%",
                                  of="women with bleeding and 3 or more previous miscarriages given progesterone",
                                  key="prism-3-progesterone")),
        Arm("Placebo", Cited(57, "coomarasamy2019prism",
                             "abstract: prespecified subgroup, 3 or more previous miscarriages, 57%",
                             of="women with bleeding and 3 or more previous miscarriages given placebo",
                             key="prism-3-placebo")),
        "Larger gain",
    ),
    Trial(
        "PROMISE",
        "Progesterone for unexplained recurrent miscarriage, no bleeding",
        Arm("Progesterone", Cited(65.8, "coomarasamy2015promise", "abstract: 262 of 398 (65.8%)",
                                  of="women with unexplained recurrent miscarriage given progesterone",
                                  key="promise-progesterone"), 262, 398),
        Arm("Placebo", Cited(63.3, "coomarasamy2015promise", "abstract: 271 of 428 (63.3%)",
                             of="women with unexplained recurrent miscarriage given placebo",
                             key="promise-placebo"), 271, 428),
        "No clear gain",
    ),
    Trial(
        "TABLET",
        "Levothyroxine for thyroid antibodies with normal thyroid tests (past miscarriage or infertility)",
        Arm("Levothyroxine", Cited(37.4, "dhillonsmith2019tablet", "abstract: 176 of 470 (37.4%)",
                                   of="all women randomised to levothyroxine, including those who did not conceive",
                                   key="tablet-levothyroxine"), 176, 470),
        Arm("Placebo", Cited(37.9, "dhillonsmith2019tablet", "abstract: 178 of 470 (37.9%)",
                             of="all women randomised to placebo, including those who did not conceive",
                             key="tablet-placebo"), 178, 470),
        "No gain",
    ),
    Trial(
        "ALIFE2",
        "Heparin for an inherited clotting tendency",
        Arm("Heparin", Cited(72, "quenby2023alife2", "abstract: 116 of 162 (72%)",
                             of="women with an inherited clotting tendency given heparin",
                             key="alife2-heparin"), 116, 162),
        Arm("Standard care", Cited(71, "quenby2023alife2", "abstract: 112 of 158 (71%)",
                                   of="women with an inherited clotting tendency given standard care",
                                   key="alife2-standard"), 112, 158),
        "No gain",
    ),
    Trial(
        "TRUST",
        "Surgery to remove a womb septum (small trial)",
        Arm("Surgery", Cited(31, "rikken2021trust", "abstract: live birth within 12 months, 12 of 39 (31%)",
                             of="women with a womb septum who had surgery",
                             key="trust-surgery"), 12, 39),
        Arm("No surgery", Cited(35, "rikken2021trust", "abstract: 14 of 40 (35%)",
                                of="women with a womb septum who had no surgery",
                                key="trust-no-surgery"), 14, 40),
        "No gain shown",
    ),
)


# --- Public beliefs about causes (Bardos et al. 2015, US survey) -------------
SURVEY_SIZE = Cited(1084, "bardos2015", "abstract: 1,084 respondents, US adults aged 18-69, 2013",
                    of="people who answered the survey", key="survey-size", unit="count")
WRONG_BELIEFS = {
    "A stressful event": Cited(76, "bardos2015", "abstract: 76% believed a stressful event can cause miscarriage",
                               of="US adults who answered the survey", key="belief-stress",
                               says="about 3 in 4"),
    "Lifting something heavy": Cited(64, "bardos2015", "abstract: 64% lifting a heavy object",
                                     of="US adults who answered the survey", key="belief-lifting"),
    "Having used a coil (IUD) before": Cited(28, "bardos2015", "abstract: 28% past use of an IUD",
                                             of="US adults who answered the survey", key="belief-iud"),
    "Having taken the pill before": Cited(22, "bardos2015", "abstract: 22% past use of oral contraceptives",
                                          of="US adults who answered the survey", key="belief-pill"),
}
FEELINGS_AFTER_LOSS = {
    "Felt guilty": Cited(47, "bardos2015", "abstract: 47% felt guilty",
                         of="respondents who had a miscarriage themselves or whose partner had one",
                         key="feel-guilty", says="about half"),
    "Felt they had done something wrong": Cited(41, "bardos2015", "abstract: 41% felt they had done something wrong",
                                                of="respondents who had a miscarriage themselves or whose partner had one",
                                                key="feel-wrong"),
    "Felt alone": Cited(41, "bardos2015", "abstract: 41% felt alone",
                        of="respondents who had a miscarriage themselves or whose partner had one",
                        key="feel-alone"),
}


# --- Outlook after recurrent miscarriage --------------------------------------
LIVE_BIRTH_WITHIN_5_YEARS = Cited(
    66.7, "lund2012", "abstract: 987 women, live birth within 5 years of first visit 66.7% (63.7-69.7)",
    of="all women referred to a Danish recurrent miscarriage clinic (any cause, any care)",
    key="lund-5-years", says="2 in 3", low=63.7, high=69.7,
)
LIVE_BIRTH_WITHIN_15_YEARS = Cited(
    71.1, "lund2012", "abstract: within 15 years 71.1% (68.0-74.2)",
    of="all women referred to a Danish recurrent miscarriage clinic (any cause, any care)",
    key="lund-15-years", low=68.0, high=74.2,
)
LUND_WOMEN = Cited(987, "lund2012", "abstract: 987 women with recurrent miscarriage",
                   of="women referred to the clinic who were followed up", key="lund-women", unit="count")
BRIGHAM_CONCEIVED = Cited(
    226, "brigham1999", "abstract: of 325 women, 226 became pregnant again during the study",
    of="325 women with unexplained recurrent miscarriage seen at one UK clinic",
    key="brigham-conceived", says="226 of 325", unit="count",
)
NEXT_PREGNANCY_SUCCESS = Cited(
    75, "brigham1999", "abstract: 75% of the 226 pregnancies were successful",
    of="women with unexplained recurrent miscarriage who became pregnant again (226), with supportive care",
    key="brigham-success", says="3 in 4",
)


# --- Emotional health after early pregnancy loss (Farren et al.) -------------
POST_TRAUMATIC_STRESS_WOMEN = {
    "1 month": Cited(29, "farren2020", "abstract: post-traumatic stress 29% at 1 month",
                     of="women who answered at 1 month after an early loss", key="pts-1-month"),
    "9 months": Cited(18, "farren2020", "abstract: 18% at 9 months",
                      of="women who answered at 9 months after an early loss", key="pts-9-months"),
}
ANXIETY_WOMEN = {
    "1 month": Cited(24, "farren2020", "abstract: moderate/severe anxiety 24% at 1 month",
                     of="women who answered at 1 month after an early loss", key="anxiety-1-month"),
    "9 months": Cited(17, "farren2020", "abstract: 17% at 9 months",
                      of="women who answered at 9 months after an early loss", key="anxiety-9-months"),
}
DEPRESSION_WOMEN = {
    "1 month": Cited(11, "farren2020", "abstract: moderate/severe depression 11% at 1 month",
                     of="women who answered at 1 month after an early loss", key="depression-1-month"),
    "9 months": Cited(6, "farren2020", "abstract: 6% at 9 months",
                      of="women who answered at 9 months after an early loss", key="depression-9-months"),
}
POST_TRAUMATIC_STRESS_COUPLES = {
    # month: (women, partners), from a second, smaller study of 192 couples
    "1 month": (Cited(34, "farren2021partners", "abstract: 34% of women at 1 month",
                      of="women in the couples report who answered at 1 month", key="couples-women-1-month"),
                Cited(7, "farren2021partners", "abstract: 7% of partners at 1 month",
                      of="male partners in the couples report who answered at 1 month", key="couples-partners-1-month")),
    "3 months": (Cited(26, "farren2021partners", "abstract: 26% of women at 3 months",
                       of="women in the couples report who answered at 3 months", key="couples-women-3-months"),
                 Cited(8, "farren2021partners", "abstract: 8% of partners at 3 months",
                       of="male partners in the couples report who answered at 3 months", key="couples-partners-3-months")),
    "9 months": (Cited(21, "farren2021partners", "abstract: 21% of women at 9 months",
                       of="women in the couples report who answered at 9 months", key="couples-women-9-months"),
                 Cited(4, "farren2021partners", "abstract: 4% of partners at 9 months",
                       of="male partners in the couples report who answered at 9 months", key="couples-partners-9-months")),
}
FARREN_COUPLES = Cited(192, "farren2021partners", "abstract: 192 couples (women and their male partners)",
                       of="couples after an early pregnancy loss", key="farren-couples", unit="count")


# --- Where the definitions draw their lines (weeks of pregnancy) -------------
FIRST_TRIMESTER_ENDS_WEEK = Cited(13, "rcog2023", "definitions: first trimester up to about 12-13 weeks",
                                  of="weeks of pregnancy, counted from the first day of the last period",
                                  key="first-trimester-ends", says="12 to 13 weeks", unit="weeks")
UPPER_LIMIT_WEEKS = {
    "UK": Cited(24, "rcog2023", "definitions: miscarriage is loss before 24 weeks",
                of="weeks of pregnancy (UK upper limit of miscarriage)", key="limit-uk", says="24 weeks",
                unit="weeks"),
    "US": Cited(20, "acog2020stillbirth", "definitions: stillbirth from 20 weeks of gestation",
                of="weeks of pregnancy (US start of stillbirth)", key="limit-us", says="20 weeks",
                unit="weeks"),
    "China": Cited(28, "chinese2022", "definition: losses before 28 weeks",
                   of="weeks of pregnancy (Chinese upper limit of miscarriage)", key="limit-china",
                   says="28 weeks", unit="weeks"),
}
LOSSES_NEEDED = {
    "ESHRE": Cited(2, "eshre2022", "definition: two or more pregnancy losses, not necessarily consecutive",
                   of="pregnancy losses needed for the diagnosis", key="losses-eshre", says="2 or more",
                   unit="count"),
    "ASRM": Cited(2, "asrm2013", "definition: two or more failed clinical pregnancies",
                  of="pregnancy losses needed for the diagnosis", key="losses-asrm", says="2 or more",
                  unit="count"),
    "RCOG": Cited(3, "rcog2023", "definition: three or more first-trimester losses",
                  of="early losses needed for the diagnosis", key="losses-rcog", says="3 or more early",
                  unit="count"),
    "RCOG, later loss": Cited(1, "rcog2023", "definition: or one or more second-trimester loss",
                              of="later (second-trimester) losses needed", key="losses-rcog-late",
                              says="1 or more late", unit="count"),
    "China": Cited(2, "chinese2022", "definition: two or more consecutive losses with the same partner",
                   of="pregnancy losses needed for the diagnosis", key="losses-china", says="2 or more",
                   unit="count"),
}

# Numbers that appear only in the text (no figure draws them), grouped by where they are taught.

# --- Lesson 1: what recurrent miscarriage is ---------------------------------
AGE_LOWEST_BAND = Cited(
    25, "magnus2019", "abstract: 'lowest risk among women aged 25-29 years (10%)'",
    of="mother's age band (years) with the lowest miscarriage risk, Norwegian pregnancies",
    key="age-lowest-band", says="25 to 29", unit="years",
)
AGE_RISE_AFTER = Cited(
    30, "magnus2019", "abstract: 'a rapid increase after age 30'",
    of="mother's age (years) after which miscarriage risk rose quickly, Norwegian pregnancies",
    key="age-rise-after", says="30", unit="years",
)
AGE_OLDEST_BAND = Cited(
    45, "magnus2019", "abstract: 'reaching 53% among women aged 45 years and over'",
    of="mother's age band (years) with the highest miscarriage risk, Norwegian pregnancies",
    key="age-oldest-band", says="45 and over", unit="years",
)
LUND_YEARS_LONG = Cited(
    15, "lund2012", "abstract: 'increasing to 71.1% ... 15 years after the first consultation'",
    of="years after the first clinic visit (all women referred to a Danish recurrent miscarriage clinic)",
    key="lund-years-15", says="15 years", unit="years",
)
RCOG_TESTS_AFTER = Cited(
    2, "rcog2023", "abstract: 'recommend extensive evaluation after two first trimester miscarriages, "
                   "if there is a suspicion that the miscarriages are of pathological and not of sporadic nature'",
    of="early (first-trimester) losses after which UK doctors may start a full check-up",
    key="rcog-tests-after", says="2 early losses", unit="count",
)
ASRM_TESTS_AFTER = Cited(
    2, "asrm2012", "Who to evaluate: 'clinical evaluation may proceed following two first-trimester pregnancy losses'",
    of="early (first-trimester) losses after which US doctors may start a check-up",
    key="asrm-tests-after", says="2 early losses", unit="count",
)
GRADED_CARE_CLINIC_AFTER = Cited(
    2, "coomarasamy2021recurrent", "paper body (graded model): 'Following a second miscarriage, women will be "
                                   "offered an appointment at a miscarriage clinic that could be nurse or "
                                   "midwifery-led'",
    of="the miscarriage after which the Lancet series' graded model offers a miscarriage-clinic appointment",
    key="graded-care-clinic-after", says="a second miscarriage", unit="count",
)
# (end of lesson 1 numbers)

# --- Lesson 2: causes and risk factors; lesson 3: the immune balance ---------
CAUSES_TISSUE_TEST_FROM_LOSS = Cited(
    3, "rcog2023", "abstract: testing 'offered on pregnancy tissue of the third and subsequent "
    "miscarriage(s) and in any second trimester miscarriage. [Grade D]'",
    of="early miscarriage (counted in order) from which the UK guideline advises testing the pregnancy tissue",
    key="tissue-test-loss", says="third", unit="count",
)
CAUSES_RPL_UNEXPLAINED = Cited(
    50, "asrm2012", "abstract: 'up to 50% of cases of RPL will not have a clearly defined etiology'",
    of="couples with recurrent pregnancy loss who have had the standard tests",
    key="rpl-unexplained", says="up to half",
)
CAUSES_FATHER_AGE = Cited(
    40, "quenby2021", "Summary: risk factors include 'older male age (older than 40 years)'; du Fosse 2020: "
    "paternal age over 40 linked to miscarriage after adjusting for maternal age",
    of="age of the father (years) above which the risk of miscarriage is somewhat higher",
    key="father-age", says="about 40", unit="years",
)
CAUSES_SMOKING_RISK = Cited(
    1.23, "pineles2014", "abstract: active smoking in pregnancy, pooled relative risk of miscarriage 1.23",
    of="risk of miscarriage in women who smoked in pregnancy, compared with women who did not",
    key="smoking-risk", says="about 23% higher", unit="ratio",
)
CAUSES_ALCOHOL_RISK = Cited(
    1.19, "sundermann2019", "abstract: alcohol use in pregnancy, pooled odds ratio of miscarriage 1.19",
    of="odds of miscarriage in women who drank alcohol in pregnancy, compared with women who did not",
    key="alcohol-risk", says="about 19% higher odds", unit="ratio",
)
CAUSES_CAFFEINE_STEP = Cited(
    100, "chen2016", "abstract: dose-response, risk of pregnancy loss per 100 mg/day increment of caffeine",
    of="extra caffeine each day (mg) in the dose-response analysis",
    key="caffeine-step", says="100 mg", unit="mg",
)
CAUSES_CAFFEINE_RISK = Cited(
    1.07, "chen2016", "abstract: relative risk of pregnancy loss 1.07 per 100 mg/day increment",
    of="risk of pregnancy loss for each extra 100 mg of caffeine a day, compared with 100 mg less",
    key="caffeine-risk", says="about 7% higher", unit="ratio",
)
# (end of lessons 2-3 numbers)

# --- Lesson 4: prevention and care; lesson 5: tests and treatments -----------
PRISM_SUBGROUP_1_2_PROGESTERONE = Cited(
    76, "coomarasamy2019prism",
    "prespecified subgroup by previous miscarriages, one or two: 76% with progesterone vs 72% with placebo "
    "(also in the PRISM HTA report abstract)",
    of="women with bleeding in early pregnancy and 1 or 2 previous miscarriages given progesterone",
    key="prism-1-2-progesterone")
PRISM_SUBGROUP_1_2_PLACEBO = Cited(
    72, "coomarasamy2019prism",
    "prespecified subgroup by previous miscarriages, one or two: 72% with placebo",
    of="women with bleeding in early pregnancy and 1 or 2 previous miscarriages given placebo",
    key="prism-1-2-placebo")
PRISM_SUBGROUP_LOSSES_3 = Cited(
    3, "coomarasamy2019prism", "prespecified subgroup: three or more previous miscarriages",
    of="previous miscarriages that define the PRISM subgroup with the larger gain",
    key="prism-losses-3", says="3 or more", unit="count")
PRISM_SUBGROUP_LOSSES_1_2 = Cited(
    2, "coomarasamy2019prism", "prespecified subgroup: one or two previous miscarriages",
    of="previous miscarriages that define the PRISM subgroup with the small gain",
    key="prism-losses-1-2", says="1 or 2", unit="count")
PROMISE_LOSSES = Cited(
    3, "coomarasamy2015promise", "methods: women with three or more unexplained first-trimester miscarriages",
    of="previous unexplained miscarriages needed to join the PROMISE trial",
    key="promise-losses", says="3 or more", unit="count")
PROGESTERONE_DOSE = Cited(
    400, "nice2023ng126",
    "threatened miscarriage: 'Offer vaginal micronised progesterone 400 mg twice daily to women with an "
    "intrauterine pregnancy confirmed by a scan, if they have vaginal bleeding and have previously had a miscarriage'",
    of="dose of vaginal micronised progesterone, given twice a day, for women with bleeding, a past miscarriage "
       "and a scan-confirmed pregnancy in the womb (mg)",
    key="progesterone-dose", says="400 mg", unit="mg")
PROGESTERONE_UNTIL_WEEK = Cited(
    16, "nice2023ng126",
    "threatened miscarriage: 'If a fetal heartbeat is confirmed, continue progesterone until 16 completed weeks'",
    of="weeks of pregnancy until which progesterone is continued once a heartbeat is seen",
    key="progesterone-until-week", says="16 completed weeks", unit="weeks")
APS_REPEAT_WEEKS = Cited(
    12, "rcog2023", "antiphospholipid antibodies: a positive result counts only if it persists on a repeat test "
    "at least 12 weeks apart",
    of="weeks between two antiphospholipid antibody tests needed to confirm a lasting result",
    key="aps-repeat-weeks", says="at least 12 weeks", unit="weeks")
CAFFEINE_LIMIT = Cited(
    200, "acog2010caffeine",
    "conclusion: moderate caffeine consumption (less than 200 mg per day) does not appear to be a major "
    "contributing factor in miscarriage",
    of="caffeine a day below which intake did not seem a major factor in miscarriage (mg)",
    key="caffeine-limit", says="200 mg", unit="mg")
FOLIC_ACID_DOSE = Cited(
    400, "whofolic", "recommendation: 400 micrograms folic acid daily, from trying to conceive until 12 weeks",
    of="daily dose of folic acid for women planning a pregnancy (micrograms)",
    key="folic-acid-dose", says="400 micrograms", unit="count")
FOLIC_ACID_UNTIL_WEEK = Cited(
    12, "whofolic", "recommendation: from the moment they begin trying to conceive until 12 weeks of gestation",
    of="weeks of pregnancy until which folic acid is taken",
    key="folic-acid-until-week", says="12 weeks", unit="weeks")
EXERCISE_MINUTES = Cited(
    150, "acog2020exercise",
    "recommendations: 150 minutes of moderate exercise per week, spread through the week, for pregnancies "
    "without medical or obstetric contraindications (wording as summarised in a 2022 review of guidelines)",
    of="minutes of moderate exercise a week for pregnant women without complications or contraindications",
    key="exercise-minutes", says="about 150 minutes a week", unit="minutes")
ALIFE_WOMEN = Cited(
    364, "kaandorp2010alife", "abstract: 364 women aged 18-42 with unexplained recurrent miscarriage",
    of="women with unexplained recurrent miscarriage (2 or more losses) randomised in ALIFE",
    key="alife-women", unit="count")
ALIFE_COMBINATION = Cited(
    54.5, "kaandorp2010alife", "abstract: live birth 54.5% with aspirin plus nadroparin",
    of="all women with unexplained recurrent miscarriage randomised to aspirin plus heparin (nadroparin), including those who did not become pregnant",
    key="alife-combination")
ALIFE_ASPIRIN = Cited(
    50.8, "kaandorp2010alife", "abstract: live birth 50.8% with aspirin only",
    of="all women with unexplained recurrent miscarriage randomised to aspirin only, including those who did not become pregnant", key="alife-aspirin")
ALIFE_PLACEBO = Cited(
    57.0, "kaandorp2010alife", "abstract: live birth 57.0% with placebo",
    of="all women with unexplained recurrent miscarriage randomised to placebo, including those who did not become pregnant", key="alife-placebo")
SPIN_WOMEN = Cited(
    294, "clark2010spin", "abstract: 294 women with 2 or more consecutive unexplained losses at 24 weeks or less",
    of="women with unexplained recurrent pregnancy loss randomised in SPIN", key="spin-women", unit="count")
SPIN_LOSS_DRUGS = Cited(
    22, "clark2010spin", "abstract: 32 of 147 (22%) pregnancy losses with enoxaparin plus aspirin",
    of="women given heparin (enoxaparin) plus aspirin and close monitoring who lost the pregnancy",
    key="spin-loss-drugs")
SPIN_LOSS_MONITORING = Cited(
    20, "clark2010spin", "abstract: 29 of 147 (20%) pregnancy losses with intensive surveillance alone",
    of="women given close monitoring only who lost the pregnancy", key="spin-loss-monitoring")
TRUST_WOMEN = Cited(
    80, "rikken2021trust", "abstract: women randomised to septum resection (n = 40) or expectant management (n = 40)",
    of="women with a womb septum and subfertility, pregnancy loss or preterm birth randomised in TRUST",
    key="trust-women", unit="count")
TRY_AGAIN_MONTHS = Cited(
    6, "kangatharan2017",
    "abstract: an interval under 6 months after miscarriage was not linked to worse outcomes than over 6 months",
    of="months between a miscarriage and the next conception compared in the review",
    key="try-again-months", says="6 months", unit="months")
WHO_WAIT_MONTHS = Cited(
    6, "kangatharan2017", "abstract: 'the World Health Organization recommends delaying pregnancy for 6 months "
    "after a miscarriage'",
    of="months the WHO report advised waiting before the next pregnancy", key="who-wait-months",
    says="6 months", unit="months")
# (end of lessons 4-5 numbers)

# --- Lesson 6: feelings and support; lesson 7: myths and facts ---------------
FEELINGS_FARREN_SURVEYED = Cited(
    737, "farren2020", "results: 737 women with an early pregnancy loss (miscarriage, ectopic pregnancy or another early loss) were surveyed",
    of="women with an early pregnancy loss (miscarriage or ectopic pregnancy) in three London hospitals",
    key="feelings-farren-surveyed", unit="count")
FEELINGS_FARREN_ANSWERED = {
    "1 month": Cited(67, "farren2020", "results: 492 (67%) completed the survey at 1 month",
                     of="the 737 women with early pregnancy loss who were surveyed",
                     key="feelings-farren-answered-1-month", says="2 in 3"),
    "9 months": Cited(46, "farren2020", "results: 338 (46%) completed the survey at 9 months",
                      of="the 737 women with early pregnancy loss who were surveyed",
                      key="feelings-farren-answered-9-months", says="fewer than half"),
}
FEELINGS_FARREN_TIMES = {
    "1 month": Cited(1, "farren2020", "methods: surveys sent 1, 3 and 9 months after the loss",
                     of="months after the loss at the first survey", key="feelings-1-month",
                     says="1 month", unit="months"),
    "9 months": Cited(9, "farren2020", "methods: surveys sent 1, 3 and 9 months after the loss",
                      of="months after the loss at the last survey", key="feelings-9-months",
                      says="9 months", unit="months"),
}
FEELINGS_CONTROLS = {
    "anxiety": Cited(13, "farren2020", "abstract: among women with viable pregnancies, 13% moderate/severe anxiety",
                     of="women with an ongoing pregnancy (the comparison group, 171 women)",
                     key="feelings-controls-anxiety"),
    "depression": Cited(2, "farren2020", "abstract: and 2% moderate/severe depression",
                        of="women with an ongoing pregnancy (the comparison group, 171 women)",
                        key="feelings-controls-depression"),
}
FEELINGS_COUPLES_ANXIETY = {
    "women": Cited(30, "farren2021partners", "abstract: moderate/severe anxiety at 1 month, 30% of women",
                   of="women in the couples study (192 couples) at 1 month",
                   key="feelings-couples-women-anxiety"),
    "partners": Cited(6, "farren2021partners", "abstract: moderate/severe anxiety at 1 month, 6% of partners",
                      of="male partners in the couples study (192 couples) at 1 month",
                      key="feelings-couples-partners-anxiety"),
}
FEELINGS_BARDOS_MORE = {
    "ashamed": Cited(28, "bardos2015", "abstract: 28% felt ashamed",
                     of="respondents who had a miscarriage themselves or whose partner had one",
                     key="feelings-ashamed"),
    "lost a child": Cited(37, "bardos2015", "abstract: 37% felt they had lost a child",
                          of="respondents who had a miscarriage themselves or whose partner had one",
                          key="feelings-lost-child", says="more than a third"),
}
MYTHS_NIGHT_WORK = Cited(
    1.51, "bonde2013", "abstract: fixed night work, pooled RR 1.51 (95% CI 1.27-1.78), 5 studies, 'moderately increased'",
    of="risk of miscarriage in women working fixed nights, compared with women not working nights (relative risk)",
    key="myths-night-work", says="about 1.5 times", unit="ratio", low=1.27, high=1.78)
# (end of lessons 6-7 numbers)

# --- What happens next, partners and support pages -----------------------------
NEXT_REFERRAL_EARLY_LOSSES = Cited(
    3, "tommysreferral",
    "'your GP will refer you to a doctor who specialises in miscarriage after you have had 3 early "
    "miscarriages (known as recurrent miscarriage), or 1 late miscarriage'",
    of="early miscarriages after which NHS GPs usually refer to a miscarriage specialist (UK)",
    key="referral-early-losses", says="3 early miscarriages", unit="count")
NEXT_REFERRAL_LATE_LOSSES = Cited(
    1, "tommysreferral", "'... after you have had 3 early miscarriages ..., or 1 late miscarriage'",
    of="late (second-trimester) miscarriages after which NHS GPs usually refer to a miscarriage specialist (UK)",
    key="referral-late-losses", says="1 late miscarriage", unit="count")
NEXT_RANZCOG_LOSSES = Cited(
    2, "racgp2025ranzcog",
    "quotes the RANZCOG guideline: 'the loss of two or more intrauterine pregnancies of up to 20 weeks' "
    "gestation (whether or not a gestational sac is present and whether or not the miscarriages are consecutive)'",
    of="pregnancy losses needed for the diagnosis of recurrent miscarriage (Australia and New Zealand)",
    key="losses-ranzcog", says="2 or more", unit="count")
NEXT_RANZCOG_LIMIT = Cited(
    20, "racgp2025ranzcog", "quotes the RANZCOG definition: losses 'of up to 20 weeks' gestation'",
    of="weeks of pregnancy up to which a loss counts towards recurrent miscarriage (Australia and New Zealand)",
    key="limit-ranzcog", says="20 weeks", unit="weeks")
PARTNERS_SMOKING_CIGARETTES = Cited(
    10, "dufosse2021smoking",
    "abstract, results: in a meta-analysis of 8 studies, paternal smoking of more than 10 cigarettes per day "
    "before conception was linked to a higher risk of pregnancy loss, after adjustment for maternal smoking",
    of="cigarettes a day smoked by the father before conception, above which pregnancy loss was more likely",
    key="partner-smoking-cigarettes", says="more than 10 cigarettes a day", unit="count")
# (end of practical pages numbers)

# --- Urgent help, home, handout, summary, glossary, instructor guide ---------
LATER_PREGNANCY_WEEKS = Cited(
    12, "tommys2024bleeding",
    "'Bleeding in pregnancy after 12 weeks is not common. Contact A&E or your hospital maternity unit immediately'",
    of="weeks of pregnancy after which bleeding needs the maternity unit at once",
    key="later-pregnancy-weeks", says="12 weeks", unit="weeks",
)
LUND_FOLLOW_UP_YEARS = Cited(
    5, "lund2012", "abstract: live birth within 5 years of the first consultation",
    of="years of follow-up from the first visit to the clinic", key="lund-follow-up-years",
    says="5 years", unit="years",
)
FARREN_LATE_FOLLOW_UP = Cited(
    9, "farren2021partners", "abstract: outcomes at 1, 3 and 9 months after the loss",
    of="months after an early pregnancy loss at the last follow-up of both Farren studies",
    key="farren-late-follow-up", says="9 months", unit="months",
)
# (end of shared numbers)



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


def facts() -> dict[str, Cited]:
    """Every entry with a ``key``, by key: what the ``{fact}`` role can show.

    Raises ValueError if two entries share a key.
    """
    found: dict[str, Cited] = {}
    for path, cited in all_cited():
        if not cited.key:
            continue
        if cited.key in found:
            raise ValueError(f"figures/data.py: the fact key {cited.key!r} is used twice ({path})")
        found[cited.key] = cited
    return found
