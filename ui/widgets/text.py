"""Swedish wording for messages and questions."""

from __future__ import annotations


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def swedish_list(parts: list[str]) -> str:
    """”a”, ”a och b”, ”a, b och c”."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " och " + parts[-1]
