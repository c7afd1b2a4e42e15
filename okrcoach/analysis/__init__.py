"""Text analysis: one line of zh/en OKR text → facts with character spans."""
from .analyse import Analysis, analyse
from .lexicon import Cue, Lexicon, default_lexicon

__all__ = ["Analysis", "analyse", "Cue", "Lexicon", "default_lexicon"]
