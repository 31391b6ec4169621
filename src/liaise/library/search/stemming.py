"""Words and their stems in the library's five languages, for the SQLite backend (FTS5 has no stemmer but the
English porter one).

A text is split into words (letters and digits); each word is lower-cased, stemmed with the Snowball stemmer of
its language (``snowballstemmer``: pure Python, or PyStemmer's C code when that is installed) and its diacritics
folded afterwards: "Écoute" in French → "ecout". The index holds one stem per word, in the order of the words, so
that the n-th token of an indexed column is the n-th word of the original text (``sqlite.SQLiteBackend.snippets``
relies on it). A query's word is stemmed in every language (a French word and an English one may look alike),
with and without its accents (people often type "ecoute"): ``forms``.

Stems are cached per language (a dict per thread, emptied when it grows past ``CACHE_SIZE``): a library's
vocabulary is small compared to its number of words, and the pure-Python stemmers cost ~0.1 ms a word.
"""

import re
import threading
import unicodedata

import snowballstemmer

LANGUAGES = {"en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian"}
DEFAULT = "en"  # the stemmer of a text whose language is none of LANGUAGES (as PostgreSQL's configuration)
CACHE_SIZE = 200_000
WORD = re.compile(r"[^\W_]+")

_local = threading.local()


def fold(text: str) -> str:
    """Without diacritics: "écouté" → "ecoute", "straße" stays (ß is a letter of its own)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _state(language: str):
    """This thread's stemmer and cache for ``language`` (the stemmers keep state while they work)."""
    states = getattr(_local, "states", None)
    if states is None:
        states = _local.states = {}
    state = states.get(language)
    if state is None:
        state = states[language] = (snowballstemmer.stemmer(LANGUAGES[language]), {})
    return state


def stem(language: str, word: str) -> str:
    """The folded stem of a lower-case ``word`` in ``language`` (one of LANGUAGES)."""
    stemmer, cache = _state(language)
    found = cache.get(word)
    if found is None:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        found = cache[word] = fold(stemmer.stemWord(word)) or fold(word)
    return found


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, in order (NFC first, so that an accent is part of its letter)."""
    return [w.lower() for w in WORD.findall(normalized(text))]


def spans(text: str) -> list[tuple[int, int]]:
    """Where each word of ``words(text)`` is in ``normalized(text)``."""
    return [m.span() for m in WORD.finditer(normalized(text))]


def normalized(text: str) -> str:
    return unicodedata.normalize("NFC", text) if text and not text.isascii() else (text or "")


def stemmed(language: str, text: str) -> str:
    """The text as its stems separated by spaces: one token per word."""
    language = language if language in LANGUAGES else DEFAULT
    cache = _state(language)[1]
    out = []
    for word in words(text):
        found = cache.get(word)
        if found is None:
            found = stem(language, word)
        out.append(found)
    return " ".join(out)


def forms(word: str) -> list[str]:
    """A query's word as the index may hold it: its stems in the five languages, of the word as typed and
    without its accents, each once."""
    word = word.lower()
    plain = fold(word)
    found = []
    for language in LANGUAGES:
        found.append(stem(language, word))
        if plain != word:
            found.append(stem(language, plain))
    return list(dict.fromkeys(f for f in found if f))
