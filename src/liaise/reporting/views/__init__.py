"""Reporting pages: the work-plan register and its forms (one view family for the five kinds of items), the
risks' state of play, indicators (form with targets, detail), reported values (report, edit, submit, approve,
return, evidence) and the work packages' narratives. Thin: fetch through authz → form → service → redirect."""

from .indicators import indicator_detail, indicator_edit, indicator_new
from .values import evidence, value_approve, value_edit, value_report, value_return, value_submit
from .workplan import item_delete, item_edit, item_new, narrative_edit, risk_review, workplan

__all__ = ["evidence", "indicator_detail", "indicator_edit", "indicator_new", "item_delete", "item_edit",
           "item_new", "narrative_edit", "risk_review", "value_approve", "value_edit", "value_report",
           "value_return", "value_submit", "workplan"]
