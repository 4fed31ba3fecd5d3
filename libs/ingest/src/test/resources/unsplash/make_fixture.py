#!/usr/bin/env python3
"""Regenerates photos.tsv000, the Unsplash Lite fixture of IngestPipelineTest and ImportSourcesTest.

Runs ../shared/datasets/make_unsplash_tsv.py (the 30-column Unsplash Lite layout) over ../photos
with photo_image_url under http://photos.loupe.test (tests swap in their local server's address),
then fills in what the script leaves empty on the first row (location, EXIF, photographer, a
description with a tab and a quote, which pandas/csv quote) and appends a row without an image URL.

usage (from the repository root): python3 libs/ingest/src/test/resources/unsplash/make_fixture.py
"""
import csv, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "../../../../../.."))
script = os.path.join(root, "../shared/datasets/make_unsplash_tsv.py")
out = os.path.join(here, "photos.tsv000")

with tempfile.TemporaryDirectory() as tmp:
    captions = os.path.join(tmp, "captions.csv")
    with open(captions, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["image", "caption"])
        w.writerow(["caltech_chair.jpg", 'A "wooden"\tchair by the window'])
        w.writerow(["caltech_chair.jpg", "a brown chair"])
        w.writerow(["caltech_watch.jpg", "a wrist watch"])
        w.writerow(["flickr_dog.jpg", "a dog runs on the grass"])
        w.writerow(["flickr_dog.jpg", "a dog on grass"])
    subprocess.run([sys.executable, script, os.path.join(here, "../photos"), "http://photos.loupe.test", out,
                    captions], check=True)

with open(out, newline="") as f:
    rows = list(csv.DictReader(f, delimiter="\t"))
columns = list(rows[0].keys())
first = next(r for r in rows if r["photo_image_url"].endswith("/caltech_chair.jpg"))
first.update(photographer_username="jane", photographer_first_name="Jane", photographer_last_name="Doe",
             photo_location_name="Lake Bled, Slovenia", photo_location_country="Slovenia",
             photo_location_city="Bled", exif_camera_make="Canon", exif_camera_model="EOS 5D",
             photo_submitted_at="2021-01-06 10:54:53.211591")
bad = dict.fromkeys(columns, "")
bad.update(photo_id="no-url-row", photo_description="a row without photo_image_url")
rows.append(bad)
with open(out, "w", newline="") as f:
    w = csv.writer(f, delimiter="\t", lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([r[c] for c in columns])
