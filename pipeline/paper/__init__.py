"""Stage 3: the committee paper, a pure view that formats the computed figures."""
