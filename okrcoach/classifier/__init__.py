"""The classifiers that label a line (outcome or to-do, the kind of objective, key progress or activity):
the lexicon judge, the trained models (``model``, ``fast_predict``), their features, training and
evaluation, and active labeling (``labeling``) to grow the training data.

``features`` keeps its module path: saved models name ``okrcoach.classifier.features.*``.
Nothing is imported here, so ``import okrcoach.classifier.judge`` loads no scikit-learn.
"""
