"""The law as data: the catalogue of legal instruments the checks and the regulations cite."""

from quyche_rules.law.catalogue import Catalogue, catalogue, number_key
from quyche_rules.model.law import KINDS, Instrument, Quote, Replacement, Standing

__all__ = ["KINDS", "Catalogue", "Instrument", "Quote", "Replacement", "Standing", "catalogue", "number_key"]
