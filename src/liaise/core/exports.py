"""Helpers for the files people download and open in a spreadsheet."""


def safe_cell(value: str) -> str:
    """Defuse spreadsheet formulas (CSV injection): a cell never starts with = + - @ or a tab or carriage return."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
