"""The child programs the benchmark times, each a script run in a fresh interpreter."""
