"""Which files does pydicom read completely? The oracle of the pydicom parity tests (test/core/dicom).

Reads file paths (one a line) from stdin and prints one JSON object {path: {verdict, elements}}.
elements lists the top-level data set as pydicom reads it: [tag as 8 hex digits, VR, value as text],
or is empty when dcmread raised. verdict is
"complete" or the first reason it is not: dcmread(force=True) raised, an element's value is shorter
than its declared length (pydicom silently keeps a short read at the end of a file), converting a
value raised, an undefined length value ran into the end of the file, or the native pixel data is shorter than Rows x Columns x Samples x Frames needs
(pydicom's get_expected_length) or its encapsulated fragments do not parse.
One process for every file: starting Python once per file would cost more than the reading.
"""
import json
import sys
import warnings

import pydicom
from pydicom.encaps import generate_pixel_data_fragment
from pydicom.filebase import DicomBytesIO
from pydicom.pixel_data_handlers.util import get_expected_length
from pydicom.sequence import Sequence

UNDEFINED = 0xFFFFFFFF


def check_dataset(ds):
    """Access every value, depth first; raise ValueError on a short value."""
    for tag in list(ds.keys()):
        raw = ds._dict[tag]
        length = getattr(raw, "length", None)
        value = getattr(raw, "value", None)
        if length is not None and length != UNDEFINED and isinstance(value, bytes) and len(value) != length:
            raise ValueError(f"{tag} declares {length} bytes, {len(value)} were read")
        elem = ds[tag]
        if isinstance(elem.value, Sequence):
            for item in elem.value:
                check_dataset(item)


def check_pixels(ds):
    if "PixelData" not in ds:
        return
    data = ds.PixelData
    if ds["PixelData"].is_undefined_length:
        stream = DicomBytesIO(data)
        stream.is_little_endian = True
        for _ in generate_pixel_data_fragment(stream):
            pass
        return
    expected = get_expected_length(ds, "bytes")
    if len(data) < expected:
        raise ValueError(f"pixel data has {len(data)} bytes, {expected} expected")


def describe(elem):
    value = elem.value
    if isinstance(value, bytes):
        text = value[:100].hex()
    elif isinstance(value, Sequence):
        text = f"{len(value)} item(s)"
    else:
        text = str(value)
    return [f"{elem.tag:08X}", str(elem.VR), text[:200]]


def elements(ds):
    out = []
    for tag in list(ds.keys()):
        try:
            out.append(describe(ds[tag]))
        except Exception as err:  # a value pydicom cannot convert
            out.append([f"{tag:08X}", str(ds._dict[tag].VR), f"{type(err).__name__}"])
    return out


def verdict(path):
    ds = None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = pydicom.dcmread(path, force=True)
            # An undefined length value cut by the end of the file is dropped with only a warning.
            for w in caught:
                if "End of file reached" in str(w.message):
                    return f"UserWarning: {w.message}"[:300], []
            if len(ds) == 0:
                return "no elements", []
            check_dataset(ds)
            check_pixels(ds)
    except Exception as err:  # any failure means "not read completely"
        return f"{type(err).__name__}: {err}"[:300], elements(ds) if ds is not None else []
    return "complete", elements(ds)


def main():
    out = {}
    for line in sys.stdin:
        path = line.rstrip("\n")
        if path:
            v, els = verdict(path)
            out[path] = {"verdict": v, "elements": els}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
