"""Every rule says how to correct what it finds (``Rule.fix``), and each finding carries it (``Finding.fix``)."""

import pytest

from rules import REGISTRY, catalogue
from rules.fragments import check, make_document


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_every_rule_has_a_fix(rule_id):
    fix = REGISTRY[rule_id].fix
    assert len(fix.split()) >= 5  # a sentence, not a placeholder


def test_catalogue_has_all_rules():
    assert len(catalogue()) >= 35


def test_finding_carries_the_rule_fix_by_default():
    doc = make_document(body="Có 97/92 xã, phường đã đưa Trung tâm vào hoạt động.")
    (f,) = check("FIG002", doc)
    assert f.fix == REGISTRY["FIG002"].fix
