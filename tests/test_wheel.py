"""The built wheel ships templates and datasets: install it in a fresh venv and report from elsewhere."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_installs_and_reports_from_another_directory(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(dist.glob("edakit-*.whl"))
    env_dir = tmp_path / "venv"
    # Dependencies come from the running interpreter (no network needed); edakit itself only from the wheel.
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # --ignore-installed: CI has already installed edakit into the parent interpreter, which pip would
    # otherwise count as "already satisfied" and leave the venv without the wheel's copy.
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--ignore-installed", str(wheel)], check=True, timeout=300
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    where = subprocess.run(
        [python, "-c", "import edakit; print(edakit.__file__)"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    assert str(env_dir) in where, where
    result = subprocess.run(
        [env_dir / "bin" / "edakit", "report", "penguins"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    html = (workdir / "reports" / "penguins.html").read_text(encoding="utf-8")
    assert "flipper_length_mm" in html
    listing = subprocess.run(
        [env_dir / "bin" / "edakit", "datasets"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        cwd=workdir,
    )
    assert "toothgrowth" in listing.stdout
