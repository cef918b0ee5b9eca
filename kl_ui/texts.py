"""The app's longer explanations, in one place (Markdown and LaTeX strings)."""

from __future__ import annotations

HOME_INTRO = """
You believe the data come from a distribution **Q**, but they really come from **P**.
Every time an outcome x happens you are surprised by −log q(x), when the honest surprise
would have been −log p(x). Averaged over what really happens, the extra surprise is the
**Kullback-Leibler divergence** of Q from P:
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
**Try it.** P is a fair coin. Move Q's probability of heads: the two directions of the
divergence move differently, and both reach zero only when Q is fair too.
"""

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
from P, with its standard error (fixed seed, so the page is reproducible).
"""

ASYMMETRY_INTRO = """
D(P‖Q) averages the log-ratio over what **P** produces; D(Q‖P) averages the opposite
log-ratio over what **Q** produces. Different weights, different answers: KL is not a
distance. Move a parameter and watch the two numbers part ways, or meet.
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
Gibbs' inequality, D(P‖Q) ≥ 0, takes five short steps. Walk through them with your own P
and Q: each step shows the general statement and, below it, the same line with your
numbers. The picture grows with the steps.
"""

PROOF_CONTINUOUS_POINTS = (
    "For densities the points in the picture are illustrations: r = q/p at 24 of P's "
    "quantiles, equally weighted. The centre, the gaps and every number below are exact "
    "(numerical integration)."
)

MLE_INTRO = """
In practice nobody hands you P: you get data x₁ … x_N drawn from it, and you fit a model
Q_θ by maximising the average log-likelihood (1/N) Σ log q_θ(xᵢ). Why is that sensible?
Because D(P‖Q_θ) = E_P[log p(X)] − E_P[log q_θ(X)], and the first term does not depend on
θ: making the expected log-likelihood large is the same as making the divergence small.
The law of large numbers does the rest: the average over your data approaches the
expectation under P as N grows.
"""

MLE_WHY = """
**Read the plots.** Left: the data's average log-likelihood (solid) and its population
value E_P[log q_θ] = −h(P) − D(P‖Q_θ) (dashed); their maxima, θ̂_N and θ*, merge as N
grows. Right: the cross-entropy −E_P[log q_θ] and the divergence D(P‖Q_θ) are the same
curve shifted by h(P), P's differential entropy, which the model cannot change. (For
densities h(P) can be negative, so the cross-entropy can sit below D.)
"""

MLE_MISSPECIFIED = """
**When no θ gives P.** With a two-humped P and a normal model family, the MLE still
converges, to the KL projection θ* = argmin D(P‖Q_θ). For the normal family that is the
normal with P's mean and variance: a single wide normal covering both humps
(mass-covering), never one hump. D(P‖Q_θ*) > 0 is the price of the wrong family.
"""

SAMPLES_INTRO = """
What if you only have samples? Three ways to estimate D(P‖Q), each compared with the exact
value: averaging log p − log q over draws from P (needs both densities), a histogram
plug-in (needs only samples, and a bin width), and the k-nearest-neighbour estimator of
Wang, Kulkarni and Verdú (needs only samples, and k).
"""

SAMPLES_CAVEATS = """
**What to look for.** Monte Carlo is unbiased but its spread depends on the tails: for
Cauchy‖Normal the variance is infinite and the running mean never settles. The histogram
estimate depends on the bin width and becomes ∞ as soon as a bin has P-samples but no
Q-samples. The k-NN estimator is consistent but biased at small n, can come out negative
when P ≈ Q, and is undefined for duplicate points (distance 0), which rounded real-world
data produce.
"""
