"""Figures: text or a corpus frame in, the statistics frame out.

In: a string or the corpus frame. Out: one row per reported quantity (value, unit,
qualifier, subject, period, source, ...) from :func:`cyberlib.extract_statistics`, and
US-dollar values from :func:`cyberlib.to_usd`.

Modules: ``numbers`` (digits and number words), ``units`` (unit and scale words),
``ranges`` (ranges and multiples), ``context`` (subject, period and source of a figure),
``extraction`` (the statistics frame), ``currency`` (rates and ``value_usd``),
``evaluation`` (scoring against hand annotations).

May import: :mod:`cyberlib.normalization`, :mod:`cyberlib.resources`; not the word
segmenter (extraction needs no underthesea), no later stage.
"""
