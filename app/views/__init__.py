"""Blueprints, one per area, registered by ``create_app`` from ``app.BLUEPRINTS``.

An area with one module is a module here (auth, board, money, parties, admin); an
area with several is a package (applications, grants, meetings, plans, main) whose
``blueprint.py`` creates ``bp``, whose route modules import it, and whose
``__init__.py`` imports the route modules and exposes ``bp``. What more than one
area uses lives here: ``service_call`` (call a service, commit or show the error)
and ``charts``.

Views stay thin: load and check, validate, call a service, commit once, flash, redirect.
"""
