"""The French stemmer under gunicorn's threads: each thread stems its own words."""

from concurrent.futures import ThreadPoolExecutor

from pairjobs.domain.search.text import stem

WORDS = ["psychiatrique", "médiatrices", "pairs-aidants", "réhabilitation", "accompagnement", "équipes",
         "y", "rétablissement", "hospitalières", "entretiens"] * 300


def test_threads_stem_as_one_thread_does():
    expected = [stem(w) for w in WORDS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        # Many short tasks at once, so that threads switch in the middle of a word.
        results = list(pool.map(lambda chunk: [stem(w) for w in chunk],
                                [WORDS[i:i + 7] for i in range(0, len(WORDS), 7)]))
    assert [s for chunk in results for s in chunk] == expected
