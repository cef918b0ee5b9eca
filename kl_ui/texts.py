"""The app's longer explanations, in one place (Markdown and LaTeX strings)."""

from __future__ import annotations

HOME_INTRO = """
You believe the data come from a distribution **Q**, but they really come from **P**.
Every time an outcome x happens you are surprised by −log q(x), when the honest surprise
would have been −log p(x). Averaged over what really happens, the extra surprise is the
**Kullback-Leibler divergence** of Q from P:
"""

HOME_NAMES = """
It is also called the **relative entropy** of P with respect to Q. Here it is measured in
**{unit}**: the logarithm's base sets the unit (switch it at the top right).
"""

HOME_WHY = """
That one number turns up everywhere. It is the extra length of a code built for Q when the
messages follow P; the price a gambler pays for backing the wrong odds; the quantity that
maximum likelihood quietly minimises when it fits a model to data; and the regulariser in
variational inference. Three facts carry most of its meaning:

* **It is never negative**, and it is zero only when P and Q agree. You cannot gain, on
  average, by believing something false.
* **It is not symmetric.** D(P‖Q) asks how badly Q describes P; D(Q‖P) asks the opposite
  question, and the answers can differ wildly.
* **It can be infinite.** If Q says an outcome is impossible and P produces it, the
  surprise is unbounded. This app shows ∞ as ∞ and tells you why, instead of hiding it
  behind a small ε.
"""

HOME_EXAMPLE = """
**Try it.** P is a fair coin. Drag Q's probability of heads (the slider, or across the
chart): the two directions of the divergence move differently, and both reach zero only
when Q is fair too.
"""

# Why a divergence of two distributions over outcomes is ∞, for either direction.
INFINITE_FORWARD = "Q gives 0 to {outcomes} where P does not"
INFINITE_REVERSE = "P gives 0 to {outcomes} where Q does not"

ROUND_HELP = (
    "As recorded data often are. Rounding makes some samples equal, at distance 0 from "
    "each other, which the nearest-neighbour estimator cannot handle."
)

UNIT_HELP = (
    "Natural log gives nats, log base 2 gives bits, log base 10 gives hartleys. "
    "1 nat ≈ 1.4427 bits ≈ 0.4343 hartleys."
)

DISCRETE_INTRO = """
Two distributions over the same outcomes. Each outcome contributes a term p·log(p/q);
the terms can be negative where Q gives more probability than P, but their sum never is.
"""

DISCRETE_INFINITE = """
Q gives probability 0 to {outcomes}, but P does not. One outcome that Q calls impossible is
enough: the moment it happens, the surprise −log q is infinite, so D(P‖Q) = ∞. Smoothing
Q with a small ε (mixing in a little of the uniform distribution) makes the number finite,
but not meaningful: it grows like P({outcomes})·log(1/ε) as ε shrinks, as the plot shows.
"""

CONTINUOUS_INTRO = """
Choose two densities with the sliders, or type any scipy.stats spec. The lower panel
shades the integrand p·log(p/q): the shaded area (above the axis minus below) is D(P‖Q).
"""

TAILS_EXPLAINED = """
No density is zero here, yet the integral diverges: {reason}. Far out in the tails {P}
still has noticeable probability while {Q}'s density collapses much faster. The integral
over a window [−L, L] around {P}'s median therefore grows without bound as L grows (the
plot below), and a Monte Carlo average never settles. A fixed-grid integrator would have
reported a finite number.
"""

# Added to TAILS_EXPLAINED when the second law is a normal with scale σ.
TAILS_NORMAL = """
Here {Q} is normal with σ = {scale}, so −log {q}(x) grows like x²/(2σ²) = x²/{two_var},
and {P} has no finite E[X²]: the average extra surprise is infinite.
"""

SUPPORT_EXPLAINED = """
{reason}. Draws from {P} land there, and each one is infinitely surprising under {Q}: its
log-ratio log({p}/{q}) is +∞.
"""

METHODS_EXPLAINED = """
**Closed form**: an exact formula for this pair of families, when one is known.
**Numerical integration**: double-exponential quadrature split at the densities' features,
with its estimated error. **Monte Carlo**: the average of log p(x) − log q(x) over draws
from P, ± 2 standard errors (2 s.e.; fixed seed, so the page is reproducible).
"""

METHODS_DISAGREE = (
    "**The methods disagree on D({first}‖{second}).** {parts}. The value above is the "
    "{shown}. Monte Carlo's error bar assumes a finite variance of log p − log q, which "
    "heavy tails break; when the integration's own error estimate is small, trust it."
)

SWEEP_TOO_COSTLY = (
    "Sweeping {moving}'s {param} computes both divergences again for every value, and with "
    "this {fixed} that is more work than one page may take. Sweep {moving}'s location or "
    "scale instead (those only move one shape), or give {fixed} fewer mixture components."
)

ASYMMETRY_INTRO = """
D(P‖Q) averages the log-ratio over what **P** produces; D(Q‖P) averages the opposite
log-ratio over what **Q** produces. Different weights, different answers: KL is not a
distance. Move a parameter and watch the two numbers part ways, or meet.
"""

MAP_EXPLAINED = """
**Reading the maps.** Each point is one Q of your Q's family, placed by its location and
scale; the cross marks the Q you have now. The first two colour the two directions, each
on its own scale; blank cells are ∞. The third is their difference: blue where D(P‖Q) is
larger, red where D(Q‖P) is, and the black line where the two happen to be equal.
"""

ASYMMETRY_WHY = """
**Why the two directions differ.** D(P‖Q) is paid where P has mass: Q must not be small
there, or the log-ratio explodes. D(Q‖P) is paid where Q has mass: Q must not put mass
where P is small. A wide Q is cheap in the first sense and expensive in the second; a
narrow Q the other way round. They agree only in special cases, such as two normals with
the same spread, or any two Cauchy distributions, where the black line of the map runs.
"""

FIT_EXPLAINED = """
Fit a single normal Q to a P with two humps. **Forward KL**, min D(P‖Q), punishes Q for
missing any of P's mass, so Q spreads over both humps: for normals it matches P's mean and
variance exactly (mass-covering). **Reverse KL**, min D(Q‖P), punishes Q for putting mass
where P has little, so Q settles on one hump (mode-seeking). With the humps far enough
apart there are several local optima, and the optimiser ends in the one its start leads
to: move the start across the middle and watch the path switch sides.
"""

PROOF_INTRO = """
Gibbs' inequality, D(P‖Q) ≥ 0, takes five short steps, and a sixth shows when it is an
equality. Walk through them with your own P and Q: each step shows the general statement
and, below it, the same line with your numbers. The picture grows with the steps.
"""

PROOF_CONTINUOUS_POINTS = (
    "For densities the points in the picture are illustrations: r = q/p at 24 of P's "
    "quantiles, equally weighted. The centre, the gaps and every number below are exact "
    "(numerical integration)."
)

MLE_INTRO = r"""
In practice nobody hands you P: you get data $x_1, \dots, x_N$ drawn from it, and you fit
a model $Q_\theta$ by maximising the average log-likelihood
$\frac{1}{N}\sum_{i} \log q_\theta(x_i)$. Why is that sensible? Four lines:
"""

# The derivation on /mle: (words before the formula, the formula in LaTeX).
MLE_DERIVATION = (
    (
        "Split the divergence into two expectations under P:",
        r"D(P\,\|\,Q_\theta) = \mathbb{E}_P[\log p(X)] - \mathbb{E}_P[\log q_\theta(X)]",
    ),
    (
        "The first term does not depend on θ: it is −h(P), fixed by the truth. So making "
        "the divergence small is making the expected log-likelihood large:",
        r"\arg\min_\theta D(P\,\|\,Q_\theta) = \arg\max_\theta \mathbb{E}_P[\log q_\theta(X)]",
    ),
    (
        "You cannot compute an expectation under an unknown P, but by the law of large "
        "numbers the average over your data approaches it as N grows:",
        r"\mathbb{E}_P[\log q_\theta(X)] \approx \frac{1}{N}\sum_{i=1}^{N} \log q_\theta(x_i)",
    ),
    (
        "Hence the maximum-likelihood estimate maximises an estimate of −D, up to a "
        "constant, and converges to the model closest to P in KL:",
        r"\begin{aligned}\hat\theta_N &= \arg\max_\theta \frac{1}{N}\sum_{i=1}^{N}"
        r"\log q_\theta(x_i) \\ &\longrightarrow\; \theta^* = \arg\min_\theta "
        r"D(P\,\|\,Q_\theta)\end{aligned}",
    ),
)

MLE_WHY = """
**Read the plots.** Left: the data's average log-likelihood (solid) and its population
value $\\mathbb{E}_P[\\log q_\\theta] = -h(P) - D(P\\,\\|\\,Q_\\theta)$ (dashed); their
maxima, $\\hat\\theta_N$ and $\\theta^*$, merge as N grows. Right: the cross-entropy
$-\\mathbb{E}_P[\\log q_\\theta]$ and the divergence $D(P\\,\\|\\,Q_\\theta)$ are the same
curve shifted by h(P), P's differential entropy, which the model cannot change. (For
densities h(P) can be negative, so the cross-entropy can sit below D.)
"""

MLE_SURFACE = """
**The likelihood surface.** Each point (μ, σ) is one model $Q_\\theta$; the colour is
your sample's average log-likelihood under it, brightest at the top. The diamond is the
MLE $\\hat\\theta_N$, the star $\\theta^*$, the model closest to P in KL. Draw again or
change N: the diamond moves around the star, closer as N grows (below, over repeated
samples, with your N marked).
"""

MLE_MISSPECIFIED = r"""
**When no θ gives P.** With a two-humped P and a normal model family, the MLE still
converges, to the KL projection $\theta^* = \arg\min_\theta D(P\,\|\,Q_\theta)$. For the
normal family that is the normal with P's mean and variance: a single wide normal
covering both humps (mass-covering), never one hump. $D(P\,\|\,Q_{\theta^*}) > 0$ is the
price of the wrong family.
"""

SAMPLES_INTRO = """
What if you only have samples? Three ways to estimate D(P‖Q), each compared with the exact
value: averaging log p − log q over draws from P (needs both densities), a histogram
plug-in (needs only samples, and a bin width), and the k-nearest-neighbour estimator of
Wang, Kulkarni and Verdú (needs only samples, and k).
"""

SAMPLES_CAVEATS = """
**What to look for.** Monte Carlo is unbiased when D is finite, but its spread depends on
the tails. For Cauchy‖Normal the log-ratio has an infinite *mean* (D = ∞), so the running
mean never settles: it keeps drifting upwards in jumps. Where D is finite but the
log-ratio's variance is infinite, the mean settles slowly and its standard error misleads.
The histogram estimate depends on the bin width and becomes ∞ as soon as a bin has P-samples but no
Q-samples. The k-NN estimator is consistent but biased at small n, can come out negative
when P ≈ Q, and is undefined for duplicate points (distance 0), which rounded real-world
data produce.
"""
