"""Browser (Playwright + Debian Chromium) end-to-end tests of the web UI."""
