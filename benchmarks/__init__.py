"""Benchmarks that print figures side by side (scale.py, flood.py); shared helpers here."""
def percentile(values: list[float], p: float) -> float:
    """The `p`-th percentile (nearest rank) of `values`: one definition for every benchmark."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
