"""Every report option in one place; the CLI and `edakit.report(...)` both build a ReportConfig."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from edakit.errors import EdakitError


@dataclass
class ReportConfig:
    title: str | None = None
    sample_size: int = 100_000  # rows used by sample-based methods (seeded, uniform)
    seed: int = 0
    conf_level: float = 0.95
    columns: list[str] | None = None  # restrict the report to these columns
    encoding: str | None = None
    delimiter: str | None = None
    header: bool = True
    columns_per_pass: int = 200

    def __post_init__(self) -> None:
        if not 0 < self.conf_level < 1:
            raise EdakitError(f"Confidence level must be between 0 and 1 (got {self.conf_level}).")
        if self.sample_size < 10:
            raise EdakitError(f"--sample must be at least 10 rows (got {self.sample_size}).")

    @classmethod
    def from_options(cls, config: ReportConfig | None = None, **options: Any) -> ReportConfig:
        """Merge keyword options over an existing config; unknown names are a user error."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise EdakitError(f"Unknown report option(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}.")
        base = asdict(config) if config else {}
        base.update({k: v for k, v in options.items() if v is not None})
        return cls(**base)
