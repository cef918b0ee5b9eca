"""`pip wheel .` builds kl_core alone, with numpy and scipy as its only dependencies, and
the installed wheel works in a Python that has no Streamlit, plotly or app code."""

import math
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy, so that setuptools' build/ folder never lands in the checkout.
    source = tmp_path_factory.mktemp("source")
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copytree(
        ROOT / "kl_core", source / "kl_core", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(out)],
        check=True,
    )  # fmt: skip
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_holds_kl_core_and_nothing_else(wheel):
    assert wheel.name.startswith("kl_core-")
    with zipfile.ZipFile(wheel) as archive:
        packages = {name.split("/")[0] for name in archive.namelist()}
        metadata = next(n for n in archive.namelist() if n.endswith("METADATA"))
        requires = [
            line.split(":", 1)[1].strip()
            for line in archive.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:")
        ]
    assert packages == {"kl_core", metadata.split("/")[0]}
    assert sorted(r.split(">")[0].split("=")[0] for r in requires) == ["numpy", "scipy"]


def test_the_installed_wheel_computes_without_the_app(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
         str(wheel)],
        check=True,
    )  # fmt: skip
    program = f"""
import sys
for absent in ("streamlit", "plotly", "kl_ui", "pandas"):
    sys.modules[absent] = None  # importing any of them would fail
sys.path.insert(0, {str(site)!r})
import kl_core
from scipy import stats
assert kl_core.__file__.startswith({str(site)!r}), kl_core.__file__
print(kl_core.kl(stats.norm(0, 1), stats.norm(1, 1)))
print(kl_core.kl_divergence([0.5, 0.5], [0.9, 0.1], base=2))
"""
    done = subprocess.run(
        [sys.executable, "-I", "-c", program], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    forward, bits = (float(v) for v in done.stdout.split())
    assert forward == pytest.approx(0.5, rel=1e-15)  # (μ₁−μ₂)²/(2σ²)
    assert bits == pytest.approx(math.log2(5 / 3), rel=1e-12)  # ½log₂(5/9) + ½log₂(5)
