"""Safe model files: skops archives loaded only when every type inside is on an explicit allowlist.

A model from a colleague must not be able to run code when it is loaded, so pickle and
joblib are refused outright, and a skops file that names any type outside ``TRUSTED_TYPES``
(for example ``builtins.eval`` or ``os.system``) is refused with a one-line error before
anything in it is constructed. ``trusted=True`` is never used (CVE-2024-37065).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..core.errors import ModelFileError

# Types skops does not trust by default but our pipelines legitimately contain. Nothing here
# can execute arbitrary code on construction: they are our own stateless transformers and
# functions, and scikit-learn/numpy/scipy classes.
TRUSTED_TYPES = frozenset({
    "okrcoach.classifier.features.CueFeatures",
    "okrcoach.classifier.features.FrameFeatures",
    "okrcoach.classifier.features.CompactTfidfVectorizer",
    "okrcoach.classifier.features.normalise_texts",
    "okrcoach.classifier.features.word_tokens",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.calibration._IsotonicCalibration",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.utils._param_validation.Interval",
    "sklearn.utils._param_validation.StrOptions",
    "sklearn.utils._param_validation.Options",
    "builtins.dict",
    "collections.defaultdict",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "scipy.sparse._csr.csr_matrix",
    "scipy.sparse._csr.csr_array",
})


def _slim_vectorizers(obj) -> None:
    """Plain ``int`` vocabulary indices: skops writes every numpy scalar as its own ``.npy`` member,
    so a 20,000-term vocabulary of ``np.int64`` became 20,000 files and a 2-second load."""
    from sklearn.feature_extraction.text import CountVectorizer

    params = obj.get_params(deep=True) if hasattr(obj, "get_params") else {}
    for value in [obj, *params.values()]:
        if isinstance(value, CountVectorizer) and hasattr(value, "vocabulary_"):
            value.vocabulary_ = {str(k): int(v) for k, v in value.vocabulary_.items()}
            if hasattr(value, "stop_words_"):  # only for introspection; can be large
                value.stop_words_ = None


def dump_model(obj, path: str | Path) -> None:
    import skops.io as sio

    _slim_vectorizers(obj)
    sio.dump(obj, str(path), compression=zipfile.ZIP_DEFLATED)


def load_model_file(path: str | Path):
    """Load a skops file, refusing anything outside the allowlist (and anything that is not skops)."""
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    path = Path(path)
    if not path.is_file():
        raise ModelFileError("no such model file", path=str(path))
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head[:1] == b"\x80" or path.suffix in (".pkl", ".pickle", ".joblib"):
        raise ModelFileError("is a pickle/joblib file; okrcoach refuses those because loading them can run code. "
                             "Share models saved by 'okrcoach train' (skops format)", path=str(path))
    if not zipfile.is_zipfile(path):
        raise ModelFileError("is not a skops model archive", path=str(path))
    # One pass: skops audits every type against the allowlist while it loads and raises before it
    # constructs anything untrusted (reading the tree twice, to list the types first, doubled load time).
    try:
        return sio.load(str(path), trusted=sorted(TRUSTED_TYPES))
    except UntrustedTypesFoundException as exc:
        refused = sorted(str(t) for t in getattr(exc, "unsafe", ()) or ()) or [str(exc)]
        raise ModelFileError("refused: it contains types that are not on okrcoach's allowlist and could run code "
                             f"when loaded: {', '.join(refused[:5])}", path=str(path)) from None
    except Exception as exc:  # a damaged or hand-made archive
        raise ModelFileError(f"is not a readable skops model ({type(exc).__name__}: {exc})", path=str(path)) from None
