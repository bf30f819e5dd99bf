"""64-bit SimHash over 3-grams, and the band split used for near-duplicate lookup.

Chinese text is shingled into character 3-grams; other text into word 3-grams, because
character 3-grams of English ("the", "ing") are shared by any two texts and pull unrelated
fingerprints together.

CPython would spend microseconds per 3-gram hashing one at a time, so all 3-grams are hashed
at once with whole-integer arithmetic: 32-bit codes (a character, or a word's hash) are packed
into 128-bit lanes of one large integer, each lane mixes its 3-gram (three multiply-adds, then
the splitmix64 finaliser with lane masks so no bits cross lanes), and each bit position is
counted across all hashes at once: one byte of every hash is gathered into an integer (a
strided slice), masked to one bit per byte and counted with ``int.bit_count``.
The result is deterministic across processes and Python versions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from hashlib import blake2b

from services.scoring.domain.language import detect_language

FINGERPRINT_BITS = 64
_LANE_BITS = 128  # neither a 32-bit code nor a 64-bit hash times a 64-bit constant carries over
_LANE_BYTES = _LANE_BITS // 8
_CODE_BYTES = 4  # a character (UTF-32) or a word's hash
_MASK64 = (1 << 64) - 1
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
_FINALISER: tuple[tuple[int, int | None], ...] = (
    (30, 0xBF58476D1CE4E5B9),
    (27, 0x94D049BB133111EB),
    (31, None),
)
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def simhash(text: str) -> int:
    """The 64-bit SimHash of ``text`` (case, spaces and punctuation ignored). It depends on
    the text alone (its language is detected here), so a store can recompute it."""
    codes = _codes(text, detect_language(text))
    if not codes:
        return 0
    codes += b"\0" * _CODE_BYTES * max(0, 3 - len(codes) // _CODE_BYTES)
    shingles = len(codes) // _CODE_BYTES - 2
    hashes = _shingle_hashes(codes, shingles).to_bytes(shingles * _LANE_BYTES, "little")
    fingerprint = 0
    bit_masks = _bit_masks(shingles)
    for byte in range(FINGERPRINT_BITS // 8):
        column = int.from_bytes(hashes[byte::_LANE_BYTES], "little")  # byte ``byte`` of each hash
        for bit, only_this_bit in enumerate(bit_masks):
            if (column & only_this_bit).bit_count() * 2 > shingles:
                fingerprint |= 1 << (byte * 8 + bit)
    return fingerprint


@lru_cache(maxsize=1024)
def _bit_masks(count: int) -> tuple[int, ...]:
    """For each bit 0..7, an integer of ``count`` bytes with only that bit set in each byte."""
    return tuple(int.from_bytes(bytes((1 << bit,)) * count, "little") for bit in range(8))


def _codes(text: str, language: str) -> bytes:
    """Four bytes per shingle unit: each character of Chinese text, each word of other text."""
    if language == "zh":
        return _NOT_WORD.sub("", text).lower().encode("utf-32-le")
    words = _WORD.findall(text.lower())
    return b"".join(_word_code(word) for word in words)


@lru_cache(maxsize=65536)
def _word_code(word: str) -> bytes:
    return blake2b(word.encode("utf-8"), digest_size=_CODE_BYTES).digest()


def _shingle_hashes(codes: bytes, shingles: int) -> int:
    """One 64-bit hash of each 3-gram of codes, lane i holding the hash of codes i..i+2."""
    wide = bytearray(len(codes) // _CODE_BYTES * _LANE_BYTES)
    for byte in range(_CODE_BYTES):
        wide[byte::_LANE_BYTES] = codes[byte::_CODE_BYTES]
    packed = int.from_bytes(wide, "little")
    low64 = _lane_mask(shingles, _MASK64)
    mixed = 0
    for offset, constant in enumerate(_MIX):
        mixed += (packed >> (offset * _LANE_BITS)) * constant
    hashes = mixed & low64
    for shift, multiplier in _FINALISER:
        hashes ^= (hashes >> shift) & low64
        if multiplier is not None:
            hashes = (hashes * multiplier) & low64
    return hashes


@lru_cache(maxsize=4096)
def _lane_mask(lanes: int, value: int) -> int:
    """``value`` repeated in each of ``lanes`` 128-bit lanes."""
    return int.from_bytes(value.to_bytes(_LANE_BYTES, "little") * lanes, "little")


def hamming_distance(a: int, b: int) -> int:
    """How many of the 64 bits differ between two fingerprints."""
    return ((a ^ b) & _MASK64).bit_count()


def simhash_bands(fp: int, bands: int = 4) -> list[int]:
    """Split a fingerprint into ``bands`` keys; band index is encoded so keys never collide.

    Two fingerprints within Hamming distance ``bands - 1`` share at least one key (pigeonhole),
    so a store can fetch candidates with one indexed ``in`` query over these values.
    """
    if bands < 1 or FINGERPRINT_BITS % bands:
        raise ValueError(f"bands must divide {FINGERPRINT_BITS}, got {bands}")
    width = FINGERPRINT_BITS // bands
    mask = (1 << width) - 1
    return [(index << width) | ((fp >> (index * width)) & mask) for index in range(bands)]
