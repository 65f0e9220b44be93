"""Relational survey rounds: partners report their own ties, with trust and value (PARTNER-style).

A round (name, fiscal year, bounded list of organisations, close date) gives each
organisation on its list one personal link (a random token, stored only as a
SHA-256 hash); the organisation picks its partners and rates each relationship;
:mod:`network.survey.apply` turns the answers into ties with ``evidence = survey``
and :mod:`network.survey.scores` computes trust, value and reciprocity.

Modules: :mod:`~network.survey.model` (records, vocabularies, limits, validation),
:mod:`~network.survey.tokens`, :mod:`~network.store.sqlite.survey` and
:mod:`~network.store.neo4j.survey` (the two stores), :mod:`~network.survey.rounds`
(the operations the CLI and the app call), :mod:`~network.survey.paper` (paper
answers), :mod:`~network.survey.apply`, :mod:`~network.survey.scores`,
:mod:`~network.survey.letters` (PDF letters and the paper form) and
:mod:`~network.cli.survey`.
"""
