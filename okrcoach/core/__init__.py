"""The lowest layer: the OKR data model (objectives, key results, sets, findings) and the input error.

Nothing here imports any other part of okrcoach, so every stage above can use it.
"""
