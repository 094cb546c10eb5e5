"""Stage 1: read and validate a data folder into typed frames (Inputs)."""
