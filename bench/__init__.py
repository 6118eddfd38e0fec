"""Benchmarks (print figures, assert nothing) and the province-scale data generator."""
