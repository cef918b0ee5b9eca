"""Ready-made scenarios for the discrete explorer (data only; values via kl_core)."""

from __future__ import annotations

import string
from collections import Counter
from dataclasses import dataclass

from kl_core import normalize
from kl_ui.numbers import format_probability

# Two short texts written for this app; each uses every letter of the alphabet.
TEXT_A = (
    "The quick brown fox jumps over the lazy dog while a wizard quietly mixes seven jugs "
    "of honey. Every morning the baker kneads dough, the farmer checks his sheep, and "
    "children walk to school along the river, joking about the frozen pond."
)
TEXT_B = (
    "Physics explains why a vaulted bridge holds: each stone pushes on its neighbours, "
    "and the squeeze keeps the arch rigid. Jazz musicians improvise over known chords, "
    "quoting older tunes; a kind of wit that rewards experts who listen to every bar."
)


def letter_frequencies(text: str) -> list[float]:
    """Relative frequencies of a..z in `text` (case-insensitive, other characters ignored)."""
    counts = Counter(c for c in text.lower() if c in string.ascii_lowercase)
    return normalize([counts[c] for c in string.ascii_lowercase]).tolist()


@dataclass(frozen=True)
class Preset:
    name: str
    labels: tuple[str, ...]
    p: tuple[float, ...]
    q: tuple[float, ...]
    note: str

    def texts(self) -> dict[str, str]:
        """The values of the p, q and labels text fields for this preset."""
        return {
            "p": ",".join(format_probability(v) for v in self.p),
            "q": ",".join(format_probability(v) for v in self.q),
            "labels": ",".join(self.labels),
        }


PRESETS: tuple[Preset, ...] = (
    Preset(
        "Fair vs loaded die",
        ("1", "2", "3", "4", "5", "6"),
        (1 / 6,) * 6,
        (0.1, 0.1, 0.1, 0.1, 0.1, 0.5),
        "P is a fair die, Q a die loaded towards six.",
    ),
    Preset(
        "Biased coin",
        ("H", "T"),
        (0.5, 0.5),
        (0.9, 0.1),
        "P is a fair coin, Q lands heads 90% of the time.",
    ),
    Preset(
        "Letter frequencies of two texts",
        tuple(string.ascii_lowercase),
        tuple(letter_frequencies(TEXT_A)),
        tuple(letter_frequencies(TEXT_B)),
        "P: letters of a text about a fox and a farm; Q: of a text about bridges and jazz.",
    ),
    Preset(
        "Make it infinite",
        ("sun", "cloud", "snow"),
        (0.5, 0.3, 0.2),
        (0.6, 0.4, 0.0),
        "Q never forecasts snow, but P sometimes brings it.",
    ),
)
DEFAULT = PRESETS[1]

# P's and Q's specs when neither the URL nor the session gives one. Streamlit leaves a
# field at its default out of the URL, so tests read them here too.
CONTINUOUS_DEFAULTS = {"P": "norm(loc=0, scale=1)", "Q": "t(df=3, loc=0, scale=1)"}
ASYMMETRY_DEFAULTS = {"P": "norm(loc=0, scale=1)", "Q": "norm(loc=1, scale=2)"}
# The proof's continuous mode: P's support [0, 1] inside Q's, so both gaps are > 0.
PROOF_CONTINUOUS_DEFAULTS = {"P": "uniform(loc=0, scale=1)", "Q": "norm(loc=0.5, scale=0.5)"}


@dataclass(frozen=True)
class SpecPreset:
    """A scenario given as spec texts for P and (optionally) Q."""

    name: str
    p: str
    q: str | None
    note: str


MLE_PRESETS = (
    SpecPreset(
        "Well specified: P is normal", "norm(loc=1, scale=2)", None,
        r"The model family contains P: $\hat\theta_N \to$ P's own parameters and D → 0.",
    ),
    SpecPreset(
        "Misspecified: P has two humps",
        "mixture(norm(loc=-2, scale=1), norm(loc=2, scale=0.5), weights=[0.3, 0.7])", None,
        r"No normal is P: $\hat\theta_N \to \theta^*$, the KL projection (P's mean and variance).",
    ),
    SpecPreset(
        "Skewed P", "gamma(a=2, loc=0, scale=1)", None,
        "A skewed P: the normal projection still matches mean and variance.",
    ),
)  # fmt: skip

SAMPLES_PRESETS = (
    SpecPreset(
        "Two normals", "norm(loc=0, scale=1)", "norm(loc=1, scale=1.5)",
        "Every estimator works here; compare their bias and spread.",
    ),
    SpecPreset(
        "P = Q", "norm(loc=0, scale=1)", "norm(loc=0, scale=1)",
        "D = 0: sample-based estimates scatter around it, some of them negative.",
    ),
    SpecPreset(
        "Cauchy vs normal", "cauchy(loc=0, scale=1)", "norm(loc=0, scale=1)",
        "D = ∞ through the tails: the Monte Carlo running mean never settles.",
    ),
    SpecPreset(
        "Far apart", "norm(loc=0, scale=1)", "norm(loc=4, scale=0.5)",
        "Q's sample leaves P's region empty: the histogram estimate becomes ∞.",
    ),
)  # fmt: skip
