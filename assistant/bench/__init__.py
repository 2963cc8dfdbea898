"""Benchmarks (``assistant bench …``): ratios against baselines measured in the same run. Not tests."""
