"""Text preparation: cleaning, language identification and sentence splitting.

The modules are imported on demand so that ``import annalist.text.clean`` stays cheap:

- :mod:`annalist.text.clean` -- ``clean_text`` and ``normalise_for_id``;
- :mod:`annalist.text.language` -- ``paragraphs``, ``detect_language``,
  ``paragraph_languages``, ``assign_languages``;
- :mod:`annalist.text.sentences` -- ``split_sentences`` and ``segment``;
- :mod:`annalist.text.tokens` -- tokens with offsets and lemmas.

Every offset produced here points into the *cleaned* text that a
:class:`~annalist.model.Document` owns.
"""
