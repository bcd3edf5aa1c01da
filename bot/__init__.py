"""vaart: the governance bot of a Dutch regional programme (Regio Deal)."""
