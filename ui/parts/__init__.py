"""What the pages share: sign-in, the store and cache, filters, the profile, the map's panels.

Modules here only define things; the page scripts in ``ui/pages/`` call them.
"""
