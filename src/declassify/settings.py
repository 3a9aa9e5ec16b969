"""Run settings shared by the stages that need them (rule packs, limits, publisher)."""

from __future__ import annotations

from dataclasses import dataclass

from .stages.read import DEFAULT_MAX_SIZE


@dataclass(frozen=True, slots=True)
class Settings:
    rules: tuple[str, ...] = ()  # extra rule pack files, after the built-in packs
    people: tuple[str, ...] = ()  # extra person registry files
    max_size: int = DEFAULT_MAX_SIZE
    publisher: str = "declassify"
    validate: bool = True

    def fingerprint(self) -> str:
        """What in these settings changes the output (for incremental builds)."""
        return repr((self.rules, self.people, self.publisher))


DEFAULT = Settings()
