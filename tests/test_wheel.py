"""The built wheel ships templates and datasets: install it in a fresh venv and report from elsewhere."""

from __future__ import annotations

import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.conftest import ROOT


def _site_dirs() -> list[str]:
    """The running interpreter's site-packages directories, wherever it runs (a venv, a system or user install)."""
    dirs = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        dirs.append(site.getusersitepackages())
    return [d for d in dict.fromkeys(dirs) if Path(d).is_dir()]


def test_wheel_installs_and_reports_from_another_directory(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(dist.glob("edakit_report-*.whl"))  # the distribution is edakit-report; the package is edakit
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, timeout=300)
    # Dependencies come from the running interpreter (no network needed), which may itself be a venv that a venv
    # made with system_site_packages would not see: a .pth file lists its site-packages directories. They come
    # after the venv's own site-packages, so edakit is imported from the wheel even where the running interpreter
    # has it installed too. Plain directory lines do not run the .pth files inside them (an editable install's).
    inner_site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (inner_site / "outer_site_packages.pth").write_text("\n".join(_site_dirs()) + "\n", encoding="utf-8")
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
    # the templates compiled ahead of time ship, pip byte-compiles them, and the report reads them (no compiling)
    assert list((inner_site / "edakit" / "templates" / "_compiled" / "__pycache__").glob("tmpl_*.pyc"))
    code = "from edakit.render.html import environment; print(type(environment().loader).__name__)"
    plain = {"PATH": "/usr/bin:/bin"}
    loader = subprocess.run([python, "-c", code], capture_output=True, text=True, cwd=workdir, env=plain)
    assert loader.stdout.strip() == "ModuleLoader", loader.stderr
    version = subprocess.run([env_dir / "bin" / "edakit", "--version"], capture_output=True, text=True, cwd=workdir)
    assert version.stdout.startswith("edakit "), version.stderr
