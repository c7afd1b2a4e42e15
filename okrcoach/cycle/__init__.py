"""The data of an OKR period: scores as people write them, weekly updates, and their rhythm over weeks.

The CHECKIN and SCORE rules judge these facts (:mod:`okrcoach.rules`); running the rules over an
update table is :mod:`okrcoach.auditing.checkins`, and the end-of-cycle review is
:mod:`okrcoach.auditing.cycle_review`. Nothing here imports the rules.
"""
