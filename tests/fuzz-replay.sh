#!/bin/sh
# The fuzz targets, built without libFuzzer, replay their seed inputs and
# every input that once made one fail (fuzz/regress/): what was fixed stays
# fixed in every build, the sanitizer build included.
set -u
exec sh "$top_srcdir/fuzz/run" -r "$(dirname "$FOLIO")"
