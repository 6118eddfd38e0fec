"""Browser tests: the real app served on 127.0.0.1 and driven by headless Chromium."""
