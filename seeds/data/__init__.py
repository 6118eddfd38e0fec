"""Static data for the demo seeds (names and figures, no code)."""
