"""Stage 2: every figure the paper shows, computed from the inputs for one period."""
