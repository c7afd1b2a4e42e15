"""okrcoach: offline, explainable, bilingual OKR coaching."""
