"""Loading plan files (kế hoạch)."""

from __future__ import annotations

from tcpl.loading.validation import validate
from tcpl.loading.yamlfile import YamlDocument
from tcpl.models.plan import Plan


def load_plan_model(doc: YamlDocument) -> Plan | None:
    """Validate a plan document; problems are added to the document's diagnostics."""
    return validate(doc, Plan)
