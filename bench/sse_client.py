"""What the stream benchmarks (live.py, cluster.py) share: reading a live Q&A stream as a browser's EventSource does."""


def dechunk(raw: bytes) -> tuple[bytes, bytes]:
    """The payload of the complete HTTP/1.1 chunks at the start of ``raw`` ("<hex size>\\r\\n<bytes>\\r\\n", as uvicorn
    sends a stream), and what is left of ``raw`` after them (a chunk not fully arrived yet)."""
    pos, parts = 0, []
    while True:
        eol = raw.find(b"\r\n", pos)
        if eol < 0:
            break
        size = int(raw[pos:eol].split(b";", 1)[0], 16)
        end = eol + 2 + size
        if len(raw) < end + 2:
            break
        parts.append(raw[eol + 2:end])
        pos = end + 2
        if size == 0:  # the last chunk: the stream ended
            break
    return b"".join(parts), raw[pos:]
