"""The pure core: framework model, loader, adaptive engine, scoring and plans; no Qt, no database."""
