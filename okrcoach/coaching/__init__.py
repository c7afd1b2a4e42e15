"""Coaching one draft: ``check_draft`` (findings per line with spans) and ``suggest_krs`` (KR ideas).

These sit above the audit, whose figures a draft's report reuses, and below the views (CLI, widgets).
"""
