"""Charts as matplotlib Figures (object API only), for the screen, PNG and PDF; no Qt."""
