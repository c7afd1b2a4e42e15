"""The rules: what okrcoach concludes about a line, an objective, a set, an input or a cycle.

``base`` defines a rule and registers it; the ``*_rules`` modules hold the rules by target;
``registry`` lists them all; ``context`` is what each kind of rule sees; ``config`` selects rules
and sets their thresholds; ``engine`` runs them over a table and turns hits into findings.
Nothing is imported here, so ``import okrcoach.rules.base`` stays light.
"""
