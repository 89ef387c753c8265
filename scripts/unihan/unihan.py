"""Reading the files of the Unicode Han Database (Unihan) for the table
generators of this directory (hanja.py, cantonese.py)."""
import hashlib


def fields(path, names):
    """The fields of a Unihan file whose names are in names, by code point:
    {code point: {field name: value}}."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in names:
                out.setdefault(int(cp[2:], 16), {})[field] = value
    return out


def sha256(path):
    """The SHA-256 of a file, in hex, written into the generated tables."""
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
