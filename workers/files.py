"""Finding and reading the files a user asks to ingest."""

from __future__ import annotations

from pathlib import Path

from pipeline.decode import decode_page
from pipeline.errors import DecodeError


class InputError(ValueError):
    """A path that cannot be ingested at all (missing, unreadable)."""


def expand(paths: list[str]) -> list[Path]:
    """Files named, plus every visible file under folders named, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{raw}: no such file or folder")
    unique = dict.fromkeys(p.resolve() for p in found)
    return list(unique)


def read_page(path: Path, max_bytes: int) -> str:
    """The page's text; DecodeError (or OSError) names what is wrong with it."""
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    return decode_page(path.read_bytes())


def identity(path: Path) -> str:
    # the scraper names each saved page uniquely; the folder it sits in differs between machines and clones
    return f"file:{path.name}"
