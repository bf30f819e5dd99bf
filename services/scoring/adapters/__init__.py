"""Storage adapters of the scoring service: MongoDB (real) and memory (fake)."""
