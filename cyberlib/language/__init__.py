"""Language: text or a corpus frame in, word-level analysis frames out.

In: a string or the corpus frame. Out: tokens and sentences (underthesea), theme scores
and relevance per article, themes per sentence, keywords, named entities.

Modules: ``tokens`` (segmentation, stopwords), ``themes`` (theme lexicons and scores),
``relevance`` (is an article about cybercrime at all; its evidence), ``lexicon`` (one
compiled pattern over a lexicon, shared by themes and relevance),
``keywords`` (TF-IDF), ``entities`` with ``entity_rules`` and ``gazetteer`` (people,
organisations, places, countries), ``parallel`` (running one of these over a corpus on
every core, with a cache).

May import: :mod:`cyberlib.normalization`, :mod:`cyberlib.resources`, and
:mod:`cyberlib.figures` (themes of statistics); no later stage.
"""
