"""The terminal app: the runner's daily logging, check-in, gear and settings."""
