// The FirebreakConfig module.
