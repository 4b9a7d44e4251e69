"""Text stages: boilerplate cleaning, sentences and tokens, POS tags and lemmas."""
