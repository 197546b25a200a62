"""Blueprints, one per area. Views stay thin: load and check, validate, call a service,
commit once, flash, redirect."""
