"""The council's rules as data: the data contract, periods, the vocabulary and thresholds."""
